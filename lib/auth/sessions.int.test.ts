// Sessions through next-auth itself: the real options (callbacks, events), the real cookie
// encryption and the database. Requests go through next-auth's Node handler with a plain
// request object and a response that records what it is told (the App Router handler
// needs Next's request context); getServerSession, which pages and route handlers reach
// through lib/auth/session.ts, reads the cookies of the test's browser the same way.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type * as NextAuthModule from "next-auth";
import type { AuthOptions } from "next-auth";
import { decode, encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const SECRET = "sessions-int-test-secret-0123456789abcdef";
vi.stubEnv("AUTH_SECRET", SECRET);
vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
afterAll(() => vi.unstubAllEnvs());

/** The cookies the request being served carries (as next/headers would give them). */
const requestCookies = vi.hoisted(() => {
  const current: Record<string, string> = {};
  return { current };
});
vi.mock("next-auth", async (importOriginal) => {
  const actual = await importOriginal<typeof NextAuthModule>();
  return {
    ...actual,
    getServerSession: (options: AuthOptions) =>
      actual.getServerSession(
        { headers: { host: "localhost:3000" }, cookies: requestCookies.current } as never,
        { getHeader: () => undefined, setHeader: () => undefined } as never,
        options,
      ),
  };
});

const { default: NextAuth } = await import("next-auth");
const { authOptions } = await import("@/lib/auth/options");
const { getSessionUser } = await import("@/lib/auth/session");
const { revokeSession, SESSION_MAX_AGE_SECONDS } = await import("@/lib/auth/revoke-session");
const { changeRole } = await import("@/lib/users/change-role");
const prisma = useTestPrisma();

const SESSION_COOKIE = "next-auth.session-token";
type Jar = Record<string, string>;
type Answer = { status: number; location?: string; body: unknown };

/** One request to /api/auth/<route>, as a browser holding `jar` sends it; the jar takes the
 * cookies the answer sets or deletes. */
async function authRequest(
  jar: Jar,
  route: string[],
  request: { method?: "GET" | "POST"; body?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = new Map<string, string | string[]>();
  let status = 200;
  let body: unknown;
  const res = {
    status: (code: number) => ((status = code), res),
    setHeader: (name: string, value: string | string[]) => (headers.set(name.toLowerCase(), value), res),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => res,
    json: (value: unknown) => ((body = value), res),
    send: (value: unknown) => ((body = value), res),
  };
  const req = {
    method: request.method ?? "GET",
    query: { nextauth: route },
    body: request.body ?? {},
    cookies: { ...jar },
    // Each test signs in from its own address, so the sign-in limits of other tests never apply.
    headers: { host: "localhost:3000", "x-forwarded-for": ip },
  };
  await NextAuth(req as never, res as never, authOptions());
  for (const line of [headers.get("set-cookie") ?? []].flat()) {
    const [pair = ""] = line.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    if (value === "") delete jar[name];
    else jar[name] = value;
  }
  return { status, location: headers.get("location") as string | undefined, body };
}

let ip = "";
beforeEach(() => {
  ip = uniqueKey("ip");
  requestCookies.current = {};
});

async function csrfToken(jar: Jar): Promise<string> {
  return ((await authRequest(jar, ["csrf"])).body as { csrfToken: string }).csrfToken;
}

async function userWithPassword(role: "ENGINEER" | "ADMIN" = "ENGINEER") {
  const password = `correct horse ${uniqueKey("battery")}`;
  const user = await prisma.user.create({
    data: {
      email: `${uniqueKey("session")}@example.test`,
      name: "Sam Session",
      role,
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}

/** Signs in with email and password as the sign-in form does; returns the browser's cookies. */
async function signIn(user: { email: string; password: string }): Promise<Jar> {
  const jar: Jar = {};
  const answer = await authRequest(jar, ["callback", "credentials"], {
    method: "POST",
    body: { csrfToken: await csrfToken(jar), email: user.email, password: user.password, json: "true" },
  });
  expect(answer.status).toBe(200);
  expect(jar[SESSION_COOKIE]).toBeTruthy();
  return jar;
}

async function signOut(jar: Jar, callbackUrl = "/sign-in"): Promise<Answer> {
  return authRequest(jar, ["signout"], {
    method: "POST",
    body: { csrfToken: await csrfToken(jar), callbackUrl, json: "true" },
  });
}

/** What /api/auth/session answers the browser. */
async function describedSession(jar: Jar): Promise<unknown> {
  return (await authRequest(jar, ["session"])).body;
}

/** What pages, actions and API routes see for a request carrying these cookies. */
async function sessionUserFor(jar: Jar) {
  requestCookies.current = { ...jar };
  return getSessionUser();
}

async function claimsOf(jar: Jar) {
  return decode({ token: jar[SESSION_COOKIE], secret: SECRET });
}

describe("sign-out", () => {
  it("L1: a cookie copied before sign-out opens nothing after it, and cannot be refreshed into a new one", async () => {
    const user = await userWithPassword();
    const jar = await signIn(user);
    const { sid } = (await claimsOf(jar))!;
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sessionUserFor(jar)).toMatchObject({ id: user.id, email: user.email });
    // next-auth re-issues the cookie on every read: the session id stays, its jti does not.
    await describedSession(jar);
    expect((await claimsOf(jar))!.sid).toBe(sid);
    const copied = { ...jar };

    const answer = await signOut(jar);
    expect(answer.body).toEqual({ url: "http://localhost:3000/sign-in" });
    expect(jar[SESSION_COOKIE]).toBeUndefined();
    const revoked = await prisma.revokedSession.findUniqueOrThrow({ where: { jti: sid! } });
    expect(revoked.userId).toBe(user.id);

    expect(await sessionUserFor(copied)).toBeNull();
    expect(await describedSession(copied)).toEqual({});
    // The re-issued cookie is empty: nothing left to outlive the revocation's record.
    expect(await claimsOf(copied)).not.toHaveProperty("sid");
    expect(await claimsOf(copied)).not.toHaveProperty("uid");

    // Signing out again (with the copy, or twice) changes nothing.
    const again = await signIn(user);
    const replay = { ...again };
    await signOut(again);
    await signOut(replay);
    expect(await prisma.revokedSession.count({ where: { userId: user.id } })).toBe(2);
  });

  it("L1: a session cookie without a session id (issued before there were any) opens nothing", async () => {
    const user = await userWithPassword();
    const token = await encode({
      token: { uid: user.id, role: user.role, tokenVersion: user.tokenVersion },
      secret: SECRET,
    });
    const jar = { [SESSION_COOKIE]: token };
    expect(await sessionUserFor(jar)).toBeNull();
    expect(await describedSession(jar)).toEqual({});
  });

  it("L1: a revocation is kept while any copy of the cookie can live; expired ones are cleared on the next sign-out", async () => {
    const user = await createTestUser(prisma, "ENGINEER");
    const stale = crypto.randomUUID();
    await prisma.revokedSession.create({
      data: { jti: stale, userId: user.id, expiresAt: new Date(Date.now() - 1000) },
    });
    const sid = crypto.randomUUID();
    const now = new Date();
    await revokeSession({ sid, userId: user.id }, { db: prisma, now });
    await revokeSession({ sid, userId: user.id }, { db: prisma, now: new Date(now.getTime() + 5000) });

    const row = await prisma.revokedSession.findUniqueOrThrow({ where: { jti: sid } });
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(await prisma.revokedSession.findUnique({ where: { jti: stale } })).toBeNull();
  });

  it("L5: a callbackUrl that is no URL at all sends home instead of failing; paths on this site are kept", async () => {
    const user = await userWithPassword();
    for (const callbackUrl of ["http://[", "%", "/%zz", "https://evil.example/x"]) {
      const answer = await signOut(await signIn(user), callbackUrl);
      expect(answer, callbackUrl).toMatchObject({ status: 200, body: { url: "http://localhost:3000" } });
    }
    expect((await signOut(await signIn(user), "/sign-in?x=1")).body).toEqual({
      url: "http://localhost:3000/sign-in?x=1",
    });
  });
});

describe("/api/auth/session", () => {
  it("I1: describes the user while the session holds, and nobody once they are deactivated, their tokenVersion moved on or the session was revoked", async () => {
    const deactivated = await userWithPassword();
    const jar = await signIn(deactivated);
    expect(await describedSession(jar)).toMatchObject({
      user: { id: deactivated.id, email: deactivated.email, role: "ENGINEER" },
    });
    await prisma.user.update({ where: { id: deactivated.id }, data: { active: false } });
    expect(await describedSession(jar)).toEqual({});

    const reset = await userWithPassword();
    const resetJar = await signIn(reset);
    await prisma.user.update({ where: { id: reset.id }, data: { tokenVersion: { increment: 1 } } });
    expect(await describedSession(resetJar)).toEqual({});

    const signedOut = await userWithPassword();
    const signedOutJar = await signIn(signedOut);
    const copied = { ...signedOutJar };
    await signOut(signedOutJar);
    expect(await describedSession(copied)).toEqual({});
  });
});

describe("a role change", () => {
  it("ends the user's sessions: they sign in again under the new role", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const user = await userWithPassword();
    const jar = await signIn(user);
    expect(await sessionUserFor(jar)).toMatchObject({ role: "ENGINEER" });
    await changeRole(admin, { userId: user.id, role: "VIEWER" }, { db: prisma });
    expect(await sessionUserFor(jar)).toBeNull();
    expect(await sessionUserFor(await signIn(user))).toMatchObject({ role: "VIEWER" });
  });
});
