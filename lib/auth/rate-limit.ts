// Failed sign-in limits. Counters live in Postgres (RateLimitCounter), so every app instance
// behind a load balancer counts against the same limits.
//
// Per account (email, known or not): failures slow the account down instead of locking it.
// After n failed attempts in a streak, the account's next attempt waits
// min(30, 2^(n-1)) seconds after the last one (1 s, 2 s, 4 s, 8 s, 16 s, then 30 s); an
// attempt during the wait is refused without checking the password. The streak is forgotten
// 15 minutes after its last attempt. A guesser gets at most one guess every 30 s, and the
// real user, on any browser, gets in at most 30 s after the guessing stops.
//
// Per device (lib/auth/device-cookie.ts): a browser that signed in to the account before
// skips the account's wait and the address limit; its own failures keep a streak of their
// own with the same rule, and after DEVICE_MAX_FAILURES of them it is a stranger again.
//
// Per client address: 10 failures per fixed 15-minute window; past them the address is
// refused for the rest of the window (the account is not, from anywhere else).
//
// An attempt reserves its failure before the password is checked (atomically, per key), so
// parallel guesses across instances can never overshoot a limit; a successful sign-in hands
// its reservation back. Success resets no streak or window: that would give an attacker
// fresh quick guesses every time the real user signs in.
import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import type { SignInLimitScope } from "@/lib/auth/sign-in-limit";

export const SIGN_IN_MAX_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

const KEY_PREFIX = "sign-in:";

type HeaderValue = string | string[] | undefined;

/** The client's address: X-Forwarded-For as the project's HTTP layer (scripts/lib/http-layer.mjs)
 * set it, one address from the socket or from TRUSTED_PROXIES' view, never the client's claim. */
export function clientIp(headers: Record<string, HeaderValue> | undefined): string {
  const value = headers?.["x-forwarded-for"];
  const forwarded = (Array.isArray(value) ? value[0] : value)?.trim();
  return (forwarded || "unknown").slice(0, 100);
}

export function accountKey(email: string): string {
  return `${KEY_PREFIX}account:${email.toLowerCase()}`;
}

/** The fixed-window counter of failed sign-ins from one client address. */
export function addressKey(ip: string): string {
  return `${KEY_PREFIX}ip:${ip}`;
}

/** The streak of failed sign-ins for an account from browsers it does not recognise. */
export function accountStreakKey(email: string): string {
  return `${KEY_PREFIX}streak:account:${email.toLowerCase()}`;
}

/** The streak of failed sign-ins for an account from one recognised browser (device id). */
export function deviceStreakKey(email: string, deviceId: string): string {
  return `${deviceStreakPrefix(email)}${deviceId}`;
}

function deviceStreakPrefix(email: string): string {
  return `${KEY_PREFIX}streak:device:${email.toLowerCase()}:`;
}

export type Attempt = { allowed: boolean; keys: string[]; windowStart: Date };

export function windowStartOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS);
}

/** Counts one attempt against every key; refused when any key is past the limit. */
export async function beginAttempt(prisma: PrismaClient, keys: string[], now = new Date()): Promise<Attempt> {
  const windowStart = windowStartOf(now);
  let allowed = true;
  // One statement per key (not one transaction): single-row upserts never deadlock.
  for (const key of keys) {
    const [row] = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${key}, ${windowStart}::timestamp(3), 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
      RETURNING "count"`;
    const count = row?.count ?? 1;
    if (count > SIGN_IN_MAX_FAILURES) allowed = false;
    if (count === 1) await deleteExpiredCounters(prisma, windowStart);
  }
  return { allowed, keys, windowStart };
}

/** A successful attempt is not a failure: give its reservation back. */
export async function attemptSucceeded(prisma: PrismaClient, attempt: Attempt): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "RateLimitCounter" SET "count" = "count" - 1
     WHERE "key" = ANY(${attempt.keys}) AND "windowStart" = ${attempt.windowStart}::timestamp(3) AND "count" > 0`;
}

/** After an admin hands out a new password, earlier failures on the account are history:
 * its window (password changes), its streak and its devices' streaks. */
export async function clearAccountFailures(prisma: Pick<PrismaClient, "$executeRaw">, email: string): Promise<void> {
  await prisma.$executeRaw`
    DELETE FROM "RateLimitCounter"
     WHERE "key" = ${accountKey(email)} OR "key" = ${accountStreakKey(email)}
        OR starts_with("key", ${deviceStreakPrefix(email)})`;
}

/** Opportunistic clean-up, run when a key opens a new window. The previous window is kept:
 * an instance whose clock runs slightly behind may still be counting in it. */
async function deleteExpiredCounters(prisma: PrismaClient, currentWindow: Date) {
  const cutoff = new Date(currentWindow.getTime() - SIGN_IN_WINDOW_MS);
  await prisma.$executeRaw`
    DELETE FROM "RateLimitCounter"
     WHERE "windowStart" < ${cutoff}::timestamp(3) AND "key" LIKE ${`${KEY_PREFIX}%`}`;
}

// ---------------------------------------------------------------------------------------
// Streaks: one row per key, "windowStart" the time of the streak's last attempt, "count" the
// failures in it. Writes take a transaction-scoped advisory lock on the key (its own lock
// space, STREAK_LOCK_SPACE), so instances claiming the same account's next attempt queue
// for it and exactly one gets it.

export const SIGN_IN_MAX_DELAY_MS = 30_000;
/** A streak whose last attempt is this old is forgotten. */
export const SIGN_IN_STREAK_MS = 15 * 60 * 1000;
/** A recognised browser that failed this often in its streak loses its pass (lib/auth/device-cookie.ts). */
export const DEVICE_MAX_FAILURES = 10;

const STREAK_LOCK_SPACE = 1_397_310_804;

/** How long the next attempt waits after the last of `failures` failed ones: 0, then
 * 1 s doubling up to 30 s. */
export function signInDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(SIGN_IN_MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - 1, 30));
}

export type Streak = { failures: number; lastAt: Date | null };

/** Milliseconds before `streak` lets the next attempt through (0: now). */
export function streakWaitMs(streak: Streak, now: Date): number {
  if (!streak.lastAt) return 0;
  return Math.max(0, streak.lastAt.getTime() + signInDelayMs(streak.failures) - now.getTime());
}

type RawClient = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

export async function readStreak(
  prisma: Pick<PrismaClient, "$queryRaw">,
  key: string,
  now = new Date(),
): Promise<Streak> {
  const [row] = await prisma.$queryRaw<{ windowStart: Date; count: number }[]>`
    SELECT "windowStart", "count" FROM "RateLimitCounter" WHERE "key" = ${key}
     ORDER BY "windowStart" DESC LIMIT 1`;
  if (!row || row.count <= 0 || now.getTime() - row.windowStart.getTime() >= SIGN_IN_STREAK_MS)
    return { failures: 0, lastAt: null };
  return { failures: row.count, lastAt: row.windowStart };
}

async function writeStreak(tx: RawClient, key: string, streak: Streak) {
  await tx.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ${key}`;
  if (streak.lastAt && streak.failures > 0)
    await tx.$executeRaw`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${key}, ${streak.lastAt}::timestamp(3), ${streak.failures})`;
}

async function lockStreak(tx: RawClient, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STREAK_LOCK_SPACE}::int4, hashtext(${key}))`;
}

export type StreakClaim =
  | { allowed: true; key: string; previous: Streak; claimed: { failures: number; lastAt: Date } }
  | { allowed: false; retryAfterMs: number };

/** Claims the next attempt of a streak when its wait is over: counted as a failure until
 * streakSucceeded() hands it back. */
export async function claimStreakAttempt(prisma: PrismaClient, key: string, now = new Date()): Promise<StreakClaim> {
  return prisma.$transaction(async (tx) => {
    await lockStreak(tx, key);
    const previous = await readStreak(tx, key, now);
    const wait = streakWaitMs(previous, now);
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    const claimed = { failures: previous.failures + 1, lastAt: now };
    await writeStreak(tx, key, claimed);
    return { allowed: true, key, previous, claimed };
  });
}

/** A successful attempt is not a failure: the streak is as before the claim, unless other
 * attempts were claimed meanwhile (then one failure less). */
export async function streakSucceeded(
  prisma: PrismaClient,
  claim: Extract<StreakClaim, { allowed: true }>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockStreak(tx, claim.key);
    const current = await readStreak(tx, claim.key);
    const untouched =
      current.failures === claim.claimed.failures && current.lastAt?.getTime() === claim.claimed.lastAt.getTime();
    if (untouched) await writeStreak(tx, claim.key, claim.previous);
    else if (current.lastAt) await writeStreak(tx, claim.key, { ...current, failures: current.failures - 1 });
  });
}

/** Milliseconds until an address with a full window may try again (0: now). */
async function addressWaitMs(prisma: Pick<PrismaClient, "$queryRaw">, ip: string, now: Date): Promise<number> {
  const windowStart = windowStartOf(now);
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT "count" FROM "RateLimitCounter" WHERE "key" = ${addressKey(ip)} AND "windowStart" = ${windowStart}::timestamp(3)`;
  return (row?.count ?? 0) >= SIGN_IN_MAX_FAILURES ? windowEndMs(now) : 0;
}

function windowEndMs(now: Date): number {
  return windowStartOf(now).getTime() + SIGN_IN_WINDOW_MS - now.getTime();
}

export type SignInLimited = { scope: SignInLimitScope; retryAfterMs: number };
export type SignInSubject = {
  email: string;
  ip: string;
  /** a recognised browser's device id */ deviceId: string | null;
};
export type SignInClaim = {
  allowed: true;
  streak: Extract<StreakClaim, { allowed: true }>;
  address: Attempt | null;
};

/** The streak a sign-in counts against: its device's while the device keeps its pass, else the account's. */
async function streakOf(
  prisma: Pick<PrismaClient, "$queryRaw">,
  subject: SignInSubject,
  now: Date,
): Promise<{ key: string; device: boolean; streak: Streak }> {
  if (subject.deviceId) {
    const key = deviceStreakKey(subject.email, subject.deviceId);
    const streak = await readStreak(prisma, key, now);
    if (streak.failures < DEVICE_MAX_FAILURES) return { key, device: true, streak };
  }
  const key = accountStreakKey(subject.email);
  return { key, device: false, streak: await readStreak(prisma, key, now) };
}

/** Read-only: whether an attempt now would be refused, and for how long (null: it would be
 * let through). The route answers 429 from this before next-auth runs. */
export async function peekSignInLimit(
  prisma: PrismaClient,
  subject: SignInSubject,
  now = new Date(),
): Promise<SignInLimited | null> {
  const { device, streak } = await streakOf(prisma, subject, now);
  const wait = streakWaitMs(streak, now);
  if (wait > 0) return { scope: "account", retryAfterMs: wait };
  const addressWait = device ? 0 : await addressWaitMs(prisma, subject.ip, now);
  return addressWait > 0 ? { scope: "address", retryAfterMs: addressWait } : null;
}

/** Claims an attempt against every limit that applies, or says which refuses it. */
export async function beginSignIn(
  prisma: PrismaClient,
  subject: SignInSubject,
  now = new Date(),
): Promise<SignInClaim | ({ allowed: false } & SignInLimited)> {
  const { key, device, streak: seen } = await streakOf(prisma, subject, now);
  // Most refusals end here, without a transaction; the claim below decides the close calls.
  const seenWait = streakWaitMs(seen, now);
  if (seenWait > 0) return { allowed: false, scope: "account", retryAfterMs: seenWait };
  if (!device) {
    const addressWait = await addressWaitMs(prisma, subject.ip, now);
    if (addressWait > 0) return { allowed: false, scope: "address", retryAfterMs: addressWait };
  }
  const streak = await claimStreakAttempt(prisma, key, now);
  if (!streak.allowed) return { allowed: false, scope: "account", retryAfterMs: streak.retryAfterMs };
  if (device) return { allowed: true, streak, address: null };
  const address = await beginAttempt(prisma, [addressKey(subject.ip)], now);
  if (!address.allowed) {
    await streakSucceeded(prisma, streak);
    return { allowed: false, scope: "address", retryAfterMs: windowEndMs(now) };
  }
  return { allowed: true, streak, address };
}

/** The claimed attempt signed in: hand its reservations back. */
export async function signInSucceeded(prisma: PrismaClient, claim: SignInClaim): Promise<void> {
  await streakSucceeded(prisma, claim.streak);
  if (claim.address) await attemptSucceeded(prisma, claim.address);
}
