// The session as pages and actions see it, with next-auth's cookie decoding stubbed: the
// user row (active, tokenVersion, mustChangePassword, role) and the revoked sessions
// decide, not the token. lib/auth/sessions.int.test.ts goes through next-auth itself.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { uniqueKey, useTestPrisma } from "@/test/db";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string }; tokenVersion: number; sid: string },
}));
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(session.current) }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirect:${url}`);
  },
}));

const { getCurrentUser, getSessionUser, requireUser } = await import("@/lib/auth/session");
const prisma = useTestPrisma();

async function signedInUser(data: { mustChangePassword?: boolean } = {}) {
  const user = await prisma.user.create({
    data: { email: `${uniqueKey("session")}@example.test`, name: "Sam", role: "ENGINEER", ...data },
  });
  session.current = { user: { id: user.id }, tokenVersion: user.tokenVersion, sid: crypto.randomUUID() };
  return user;
}

beforeEach(() => {
  session.current = null;
});

describe("the session", () => {
  it("is the user row's current state: a role change shows on the next request", async () => {
    const user = await signedInUser();
    expect(await getCurrentUser()).toEqual({ id: user.id, email: user.email, name: "Sam", role: "ENGINEER" });
    await prisma.user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect((await requireUser()).role).toBe("VIEWER");
  });

  it("ends when the user is deactivated or their tokenVersion moves on: pages go to sign-in, actions get no user", async () => {
    const user = await signedInUser();
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in");

    const other = await signedInUser();
    await prisma.user.update({ where: { id: other.id }, data: { tokenVersion: { increment: 1 } } });
    expect(await getSessionUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in");
  });

  it("L1: ends when its session id is revoked (signed out), and is none without a session id", async () => {
    const user = await signedInUser();
    const signedIn = session.current!;
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    await prisma.revokedSession.create({
      data: { jti: signedIn.sid, userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await getSessionUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in");

    // Another session of the same user is not affected.
    session.current = { ...signedIn, sid: crypto.randomUUID() };
    expect(await getCurrentUser()).toMatchObject({ id: user.id });
    session.current = { user: signedIn.user, tokenVersion: signedIn.tokenVersion } as typeof signedIn;
    expect(await getSessionUser()).toBeNull();
  });

  it("of a user with a one-time password opens only the password page", async () => {
    const user = await signedInUser({ mustChangePassword: true });
    expect(await getCurrentUser()).toBeNull();
    expect(await getSessionUser()).toMatchObject({ id: user.id, mustChangePassword: true });
    await expect(requireUser()).rejects.toThrow("redirect:/account/password");
  });

  it("does not exist without a token", async () => {
    expect(await getCurrentUser()).toBeNull();
    await expect(requireUser()).rejects.toThrow("redirect:/sign-in");
  });
});
