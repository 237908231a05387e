// API rate limits (#18 point 9): requests per fixed one-minute window, per API token and per
// client address, counted in Postgres (RateLimitCounter) so every app instance behind a load
// balancer counts against the same limit. The gate (what CI pipelines poll, often many jobs
// at once) has its own, higher limit and its own counters, so a fan-out of gate checks never
// uses up the budget of the rest of the API, nor the other way round.
//
// One statement per request: a single upsert counts every key of the request and returns
// the counts. The keys are written in one order (ip before token), so two requests sharing
// a key lock their rows in the same order and can never deadlock. Refused requests count
// too: a client that keeps hammering stays refused until the window ends.
import "server-only";
import type { DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const API_RATE_WINDOW_MS = 60_000;

const KEY_PREFIX = "api:";

/** Which limit a request counts against: the gate's own or the rest of the API's. */
export type ApiRateBucket = "api" | "gate";

/** Requests a minute per token and per address; 0 turns that limit off. */
export type ApiRateLimits = Record<ApiRateBucket, number>;

export function configuredApiRateLimits(): ApiRateLimits {
  const { API_RATE_LIMIT, GATE_RATE_LIMIT } = env();
  return { api: API_RATE_LIMIT, gate: GATE_RATE_LIMIT };
}

export type ApiRequestCount = {
  bucket: ApiRateBucket;
  /** The client address (`clientIp` of lib/auth/rate-limit.ts). */
  ip: string;
  /** The API token the request authenticated with; absent for sessions and anonymous calls. */
  tokenId?: string;
};

export type ApiRateVerdict =
  { allowed: true } | { allowed: false; by: "token" | "ip"; limit: number; retryAfterSeconds: number };

export function apiWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / API_RATE_WINDOW_MS) * API_RATE_WINDOW_MS);
}

/** Whole seconds until the window that holds `now` ends (at least 1): what Retry-After says. */
export function secondsLeftInWindow(now: Date): number {
  const end = apiWindowStart(now).getTime() + API_RATE_WINDOW_MS;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

function keysOf(request: ApiRequestCount): { ip: string; token?: string } {
  const base = `${KEY_PREFIX}${request.bucket}:`;
  return {
    ip: `${base}ip:${request.ip}`,
    ...(request.tokenId ? { token: `${base}token:${request.tokenId}` } : {}),
  };
}

/** Counts one request against its keys; refused when any key is past its limit. A limit of 0
 * counts nothing (no statement at all). */
export async function countApiRequest(
  db: DbClient,
  request: ApiRequestCount,
  limits: ApiRateLimits = configuredApiRateLimits(),
  now = new Date(),
): Promise<ApiRateVerdict> {
  const limit = limits[request.bucket];
  if (limit <= 0) return { allowed: true };
  const keys = keysOf(request);
  const ordered = [keys.ip, ...(keys.token ? [keys.token] : [])].sort();
  const windowStart = apiWindowStart(now);
  const rows = await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
    SELECT k, ${windowStart}::timestamp(3), 1 FROM unnest(${ordered}::text[]) AS k ORDER BY k
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
    RETURNING "key", "count"`;
  const countOf = (key: string | undefined) => rows.find((row) => row.key === key)?.count ?? 0;
  // The first request of a window for this address clears the API's expired windows.
  if (countOf(keys.ip) === 1) await deleteExpiredApiCounters(db, windowStart);
  const by = countOf(keys.token) > limit ? "token" : countOf(keys.ip) > limit ? "ip" : undefined;
  if (!by) return { allowed: true };
  return { allowed: false, by, limit, retryAfterSeconds: secondsLeftInWindow(now) };
}

/** `countApiRequest`, throwing the 429 (RATE_LIMITED, with `retryAfterSeconds` for the
 * Retry-After header) when refused. */
export async function enforceApiRateLimit(
  db: DbClient,
  request: ApiRequestCount,
  limits?: ApiRateLimits,
  now?: Date,
): Promise<void> {
  const verdict = await countApiRequest(db, request, limits, now);
  if (verdict.allowed) return;
  const who = verdict.by === "token" ? "this API token" : "your address";
  const what = request.bucket === "gate" ? "gate checks" : "API requests";
  throw new AppError(
    "RATE_LIMITED",
    `Too many ${what} from ${who}: the limit is ${verdict.limit} a minute. Try again in ${verdict.retryAfterSeconds} s.`,
    { code: "RATE_LIMITED", limit: verdict.limit, retryAfterSeconds: verdict.retryAfterSeconds },
  );
}

/** The previous window is kept: an instance whose clock runs slightly behind may still be
 * counting in it. Only the API's own keys: the sign-in limits clean up theirs. */
async function deleteExpiredApiCounters(db: DbClient, currentWindow: Date): Promise<void> {
  const cutoff = new Date(currentWindow.getTime() - API_RATE_WINDOW_MS);
  await db.$executeRaw`
    DELETE FROM "RateLimitCounter"
     WHERE "windowStart" < ${cutoff}::timestamp(3) AND "key" LIKE ${`${KEY_PREFIX}%`}`;
}
