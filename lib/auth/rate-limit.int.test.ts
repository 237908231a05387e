// Sign-in limits as several app instances see them: two Prisma clients (two "instances",
// each with its own connection pool) on one database share every counter.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { signInWithPassword } from "@/lib/auth/authenticate";
import { issueDeviceToken, newDeviceId } from "@/lib/auth/device-cookie";
import { hashPassword } from "@/lib/auth/password";
import {
  accountKey,
  accountStreakKey,
  beginAttempt,
  beginSignIn,
  claimStreakAttempt,
  clearAccountFailures,
  DEVICE_MAX_FAILURES,
  deviceStreakKey,
  peekSignInLimit,
  readStreak,
  SIGN_IN_MAX_FAILURES,
  SIGN_IN_WINDOW_MS,
  signInDelayMs,
  windowStartOf,
} from "@/lib/auth/rate-limit";
import { uniqueKey, useTestPrisma } from "@/test/db";

const instanceA = useTestPrisma();
const instanceB = useTestPrisma();
const password = "correct horse battery staple";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createUser() {
  const email = `${uniqueKey("limited")}@example.test`;
  await instanceA.user.create({
    data: { email, name: "Limited User", role: "ENGINEER", passwordHash: await hashPassword(password) },
  });
  return email;
}

type Instance = typeof instanceA;

function attempt(instance: Instance, email: string, pass: string, extra: { ip?: string; deviceToken?: string } = {}) {
  return signInWithPassword({ email, password: pass, ip: extra.ip ?? uniqueKey("ip"), ...extra }, { db: instance });
}

/** `failures` failed attempts on the account, each claimed as soon as its wait allowed, the
 * last one just now: the streak a guesser leaves behind, without waiting for it. */
async function failuresEndingNow(instance: Instance, email: string, failures: number, deviceId: string | null = null) {
  let total = 0;
  for (let n = 1; n < failures; n++) total += signInDelayMs(n);
  let at = Date.now() - total;
  for (let n = 1; n <= failures; n++) {
    const claim = await beginSignIn(instance, { email, ip: uniqueKey("ip"), deviceId }, new Date(at));
    expect(claim.allowed, `failure ${n}`).toBe(true);
    at += signInDelayMs(n);
  }
}

describe("sign-in limits", () => {
  it("M3: a failure makes the account's next attempt wait, on every instance; after the wait the right password signs in", async () => {
    const email = await createUser();
    expect(await attempt(instanceA, email, "wrong password")).toEqual({ ok: false, limited: null });
    const during = await attempt(instanceB, email.toUpperCase(), password);
    expect(during).toMatchObject({ ok: false, limited: { scope: "account" } });
    if (during.ok || !during.limited) throw new Error("expected a refusal");
    expect(during.limited.retryAfterMs).toBeGreaterThan(0);
    expect(during.limited.retryAfterMs).toBeLessThanOrEqual(1000);
    await pause(during.limited.retryAfterMs + 20);
    expect(await attempt(instanceB, email, password)).toMatchObject({ ok: true, user: { email } });
  });

  it("M3: the wait doubles with each failure up to 30 s, counted from the last attempt, across instances", async () => {
    const email = await createUser();
    const subject = { email, ip: uniqueKey("ip"), deviceId: null };
    let at = Date.now() - 10 * 60 * 1000;
    for (let n = 1; n <= 8; n++) {
      const instance = n % 2 ? instanceA : instanceB;
      const other = n % 2 ? instanceB : instanceA;
      const claim = await beginSignIn(instance, { ...subject, ip: uniqueKey("ip") }, new Date(at));
      expect(claim.allowed, `attempt ${n}`).toBe(true);
      const wait = Math.min(30_000, 1000 * 2 ** (n - 1));
      expect(await peekSignInLimit(other, subject, new Date(at))).toEqual({ scope: "account", retryAfterMs: wait });
      const early = await beginSignIn(other, { ...subject, ip: uniqueKey("ip") }, new Date(at + wait - 1));
      expect(early).toEqual({ allowed: false, scope: "account", retryAfterMs: 1 });
      expect(await peekSignInLimit(other, subject, new Date(at + wait))).toBeNull();
      at += wait;
    }
    expect(await readStreak(instanceA, accountStreakKey(email), new Date(at))).toMatchObject({ failures: 8 });
    // A streak whose last attempt is 15 minutes old is forgotten.
    const later = new Date(at + 15 * 60 * 1000);
    expect(await readStreak(instanceB, accountStreakKey(email), later)).toEqual({ failures: 0, lastAt: null });
  });

  it("M3: parallel attempts on two instances get one slot: the rest are refused without a password check", async () => {
    const email = await createUser();
    const key = accountStreakKey(email);
    await claimStreakAttempt(instanceA, key, new Date(Date.now() - 60_000));
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => claimStreakAttempt(i % 2 ? instanceA : instanceB, key)),
    );
    expect(claims.filter((c) => c.allowed)).toHaveLength(1);
    expect(await readStreak(instanceB, key)).toMatchObject({ failures: 2 });
  });

  it("M3: a success hands its claim back: the streak stays as it was, neither longer nor reset", async () => {
    const email = await createUser();
    await failuresEndingNow(instanceA, email, 3);
    const before = await readStreak(instanceA, accountStreakKey(email));
    await pause(signInDelayMs(3) + 20);
    expect(await attempt(instanceB, email, password)).toMatchObject({ ok: true });
    expect(await readStreak(instanceA, accountStreakKey(email))).toEqual(before);
  });

  it("M3: a browser that signed in before (device cookie) skips the account's wait; its own failures count against it alone", async () => {
    const email = await createUser();
    const deviceId = newDeviceId();
    const deviceToken = issueDeviceToken(email, deviceId);
    await failuresEndingNow(instanceA, email, 7); // a guesser elsewhere: the account waits 30 s
    expect(await attempt(instanceB, email, password)).toMatchObject({
      ok: false,
      limited: { scope: "account", retryAfterMs: expect.any(Number) as number },
    });
    // The recognised browser gets in at once, twice in a row, on either instance.
    expect(await attempt(instanceB, email, password, { deviceToken })).toMatchObject({ ok: true, deviceId });
    expect(await attempt(instanceA, email, password, { deviceToken })).toMatchObject({ ok: true, deviceId });
    // A device cookie of another account is no pass for this one.
    const otherToken = issueDeviceToken(`${uniqueKey("other")}@example.test`, newDeviceId());
    expect(await attempt(instanceA, email, password, { deviceToken: otherToken })).toMatchObject({
      ok: false,
      limited: { scope: "account" },
    });

    // The device's own failure makes the device wait, and not the account longer.
    const accountBefore = await readStreak(instanceA, accountStreakKey(email));
    expect(await attempt(instanceA, email, "wrong password", { deviceToken })).toEqual({ ok: false, limited: null });
    expect(await attempt(instanceB, email, password, { deviceToken })).toMatchObject({
      ok: false,
      limited: { scope: "account" },
    });
    expect(await readStreak(instanceA, accountStreakKey(email))).toEqual(accountBefore);
    expect(await readStreak(instanceA, deviceStreakKey(email, deviceId))).toMatchObject({ failures: 1 });
  });

  it("M3: a stolen device cookie cannot brute-force: after its own failures it waits like everyone else", async () => {
    const email = await createUser();
    const deviceId = newDeviceId();
    await failuresEndingNow(instanceA, email, DEVICE_MAX_FAILURES, deviceId);
    await failuresEndingNow(instanceB, email, 6);
    // With DEVICE_MAX_FAILURES failures of its own the device is a stranger: the account's wait applies.
    expect(await peekSignInLimit(instanceA, { email, ip: uniqueKey("ip"), deviceId })).toMatchObject({
      scope: "account",
      retryAfterMs: expect.any(Number) as number,
    });
    const limited = await peekSignInLimit(instanceB, { email, ip: uniqueKey("ip"), deviceId });
    expect(limited!.retryAfterMs).toBeGreaterThan(16_000 - 1000);
  });

  it("count failures per address across instances, whatever the email; the account from elsewhere is not affected", async () => {
    const email = await createUser();
    const ip = uniqueKey("ip");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      const result = await attempt(i % 2 ? instanceA : instanceB, `${uniqueKey("guess")}@example.test`, "wrong", {
        ip,
      });
      expect(result).toEqual({ ok: false, limited: null });
    }
    const refused = await attempt(instanceB, email, password, { ip });
    expect(refused).toMatchObject({ ok: false, limited: { scope: "address" } });
    expect(await peekSignInLimit(instanceA, { email, ip, deviceId: null })).toMatchObject({ scope: "address" });
    expect(await attempt(instanceA, email, password)).toMatchObject({ ok: true });
    // A browser that signed in before is not held back by its address.
    const deviceToken = issueDeviceToken(email, newDeviceId());
    expect(await attempt(instanceA, email, password, { ip, deviceToken })).toMatchObject({ ok: true });
  });

  it("M3: an admin's password reset forgets the account's streak and its devices' streaks", async () => {
    const email = await createUser();
    const deviceId = newDeviceId();
    await failuresEndingNow(instanceA, email, 3);
    await failuresEndingNow(instanceA, email, 2, deviceId);
    await clearAccountFailures(instanceB, email);
    expect(await readStreak(instanceA, accountStreakKey(email))).toEqual({ failures: 0, lastAt: null });
    expect(await readStreak(instanceA, deviceStreakKey(email, deviceId))).toEqual({ failures: 0, lastAt: null });
  });

  it("M3: the route answers an attempt during the wait 429 with Retry-After and the code the form reads, before next-auth", async () => {
    const email = await createUser();
    await failuresEndingNow(instanceA, email, 5);
    const response = await POST(
      new NextRequest("http://127.0.0.1:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9" },
        body: new URLSearchParams({ email, password, csrfToken: "not checked: refused before", json: "true" }),
      }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(15);
    expect(retryAfter).toBeLessThanOrEqual(16);
    const body = (await response.json()) as { url: string; error: string; retryAfter: number };
    expect(new URL(body.url).searchParams.get("error")).toBe(`TooManyAttempts:account:${retryAfter}`);
    expect(body).toMatchObject({
      error: `Too many failed attempts for this account; try again in ${retryAfter} s.`,
      retryAfter,
    });
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("password-change limits (a fixed window per account)", () => {
  it("never let parallel guesses overshoot the limit", async () => {
    const email = await createUser();
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => beginAttempt(i % 2 ? instanceA : instanceB, [accountKey(email)])),
    );
    expect(attempts.filter((a) => a.allowed)).toHaveLength(SIGN_IN_MAX_FAILURES);
  });

  it("use fixed windows: a full window says nothing about the next one", async () => {
    const key = accountKey(`${uniqueKey("window")}@example.test`);
    const now = new Date();
    const previousWindow = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await beginAttempt(instanceA, [key], previousWindow);
    expect((await beginAttempt(instanceB, [key], previousWindow)).allowed).toBe(false);
    expect((await beginAttempt(instanceB, [key], now)).allowed).toBe(true);
    const rows = await instanceA.rateLimitCounter.findMany({ where: { key }, orderBy: { windowStart: "asc" } });
    expect(rows.map((r) => [r.windowStart.toISOString(), r.count])).toEqual([
      [windowStartOf(previousWindow).toISOString(), SIGN_IN_MAX_FAILURES + 1],
      [windowStartOf(now).toISOString(), 1],
    ]);
  });
});
