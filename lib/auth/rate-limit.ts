// Failed sign-in limits, per account (email) and per client IP: 10 failures per fixed
// 15-minute window each. Counters live in Postgres (RateLimitCounter), so every app
// instance behind a load balancer counts against the same limit.
//
// An attempt reserves its failure before the password is checked (one atomic upsert per
// key), so parallel guesses across instances can never overshoot the limit; a successful
// sign-in hands its reservation back. Success resets neither counter: resetting the account
// counter would give an attacker ten fresh guesses every time the real user signs in, and
// the IP counter must survive one success among many guesses from a shared address.
import "server-only";
import type { PrismaClient } from "@/lib/db/client";

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

export function signInKeys(email: string, ip: string): string[] {
  return [accountKey(email), `${KEY_PREFIX}ip:${ip}`];
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

/** After an admin hands out a new password, earlier failures on the account are history. */
export async function clearAccountFailures(prisma: Pick<PrismaClient, "$executeRaw">, email: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "RateLimitCounter" WHERE "key" = ${accountKey(email)}`;
}

/** Opportunistic clean-up, run when a key opens a new window. The previous window is kept:
 * an instance whose clock runs slightly behind may still be counting in it. */
async function deleteExpiredCounters(prisma: PrismaClient, currentWindow: Date) {
  const cutoff = new Date(currentWindow.getTime() - SIGN_IN_WINDOW_MS);
  await prisma.$executeRaw`
    DELETE FROM "RateLimitCounter"
     WHERE "windowStart" < ${cutoff}::timestamp(3) AND "key" LIKE ${`${KEY_PREFIX}%`}`;
}
