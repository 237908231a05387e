// API rate limits (#18 point 9) on the real database: the route handlers called as a pipeline
// calls them (real tokens, a client address in X-Forwarded-For as the server sets it), and the
// counter itself from two Prisma clients, as two app instances would share it.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import {
  API_RATE_WINDOW_MS,
  apiWindowStart,
  countApiRequest,
  secondsLeftInWindow,
  type ApiRateLimits,
} from "@/lib/api/rate-limit";
import { rateLimitedBody } from "@/lib/api/v1/schemas";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { signInAs } from "@/test/session-double";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);

// The integration project turns the limits off (vitest.config.ts); this file sets small ones.
// lib/env.ts reads the environment once, at the first request below.
const API_LIMIT = 5;
const GATE_LIMIT = 8;
process.env.API_RATE_LIMIT = String(API_LIMIT);
process.env.GATE_RATE_LIMIT = String(GATE_LIMIT);

const templates = () => import("@/app/api/v1/templates/route");
const gate = () => import("@/app/api/v1/deployments/[id]/gate/route");
const attestationKeys = () => import("@/app/api/v1/attestation-keys/route");

const prisma = useTestPrisma();

/** An address no other test uses, so its count is this test's alone. */
const uniqueIp = () => `10.${[...randomBytes(3)].join(".")}`;

function request(path: string, options: { ip: string; token?: string }): Request {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Request(`http://localhost${path}`, { headers });
}

async function tokenFor(scopes: ("READ" | "GATE")[] = ["READ"]) {
  const admin = await createTestUser(prisma, "ADMIN");
  const { secret } = await createApiToken(admin, { name: uniqueKey("ci"), scopes });
  return secret;
}

const viewer = async () => ({ ...(await createTestUser(prisma, "VIEWER")), email: "viewer@example.test" });

const listTemplates = async (ip: string, token?: string) =>
  (await templates()).GET(request("/api/v1/templates", { ip, token }));

const askGate = async (ip: string, token: string) =>
  (await gate()).GET(request("/api/v1/deployments/cm0nosuchdeployment0000/gate", { ip, token }), {
    params: Promise.resolve({ id: "cm0nosuchdeployment0000" }),
  });

/** Counts that must stay in one window: start them early enough in a minute to finish in it. */
async function freshWindow(): Promise<void> {
  const left = secondsLeftInWindow(new Date());
  if (left < 15) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 50));
}

async function expectRateLimited(response: Response, pattern: RegExp) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(secondsLeftInWindow(new Date()) + 1);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = rateLimitedBody.parse(await response.json());
  expect(body).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: retryAfter });
  expect(body.error).toMatch(pattern);
}

describe("API rate limits (#18 point 9)", () => {
  it("answers the request past the limit in a minute 429 with Retry-After and the API's JSON error", async () => {
    await freshWindow();
    const [token, ip] = [await tokenFor(), uniqueIp()];
    for (let i = 0; i < API_LIMIT; i++) expect((await listTemplates(ip, token)).status).toBe(200);
    await expectRateLimited(
      await listTemplates(ip, token),
      /^Too many API requests from this API token: the limit is 5 a minute\. Try again in \d+ s\.$/,
    );
  });

  it("gives the gate its own, higher limit: a token out of API requests still gets its gate checks", async () => {
    await freshWindow();
    const [token, ip] = [await tokenFor(["READ"]), uniqueIp()];
    for (let i = 0; i <= API_LIMIT; i++) await listTemplates(ip, token);
    expect((await listTemplates(ip, token)).status).toBe(429);
    // The gate of a deployment that does not exist: 404, counted like any other answer.
    for (let i = 0; i < GATE_LIMIT; i++) expect((await askGate(ip, token)).status).toBe(404);
    await expectRateLimited(await askGate(ip, token), /^Too many gate checks from this API token: the limit is 8/);
  });

  it("limits an address across tokens: two tokens from one address share its count", async () => {
    await freshWindow();
    const [first, second, ip] = [await tokenFor(), await tokenFor(), uniqueIp()];
    for (let i = 0; i < 3; i++) expect((await listTemplates(ip, first)).status).toBe(200);
    for (let i = 0; i < API_LIMIT - 3; i++) expect((await listTemplates(ip, second)).status).toBe(200);
    await expectRateLimited(await listTemplates(ip, second), /^Too many API requests from your address/);
    // The same token from another address is within its own limit.
    expect((await listTemplates(uniqueIp(), second)).status).toBe(200);
  });

  it("counts refused tokens against the address, so guessing tokens is limited too", async () => {
    await freshWindow();
    const ip = uniqueIp();
    const guess = () => listTemplates(ip, `pf_${randomBytes(32).toString("base64url").slice(0, 43)}`);
    for (let i = 0; i < API_LIMIT; i++) expect((await guess()).status).toBe(401);
    await expectRateLimited(await guess(), /^Too many API requests from your address/);
  });

  it("limits browser sessions and public endpoints by address", async () => {
    await freshWindow();
    const ip = uniqueIp();
    signInAs(await viewer());
    try {
      for (let i = 0; i < API_LIMIT; i++) expect((await listTemplates(ip)).status).toBe(200);
      await expectRateLimited(await listTemplates(ip), /from your address/);
    } finally {
      signInAs(null);
    }
    const keysFrom = async (address: string) =>
      (await attestationKeys()).GET(request("/api/v1/attestation-keys", { ip: address }));
    const other = uniqueIp();
    for (let i = 0; i < API_LIMIT; i++) expect((await keysFrom(other)).status).toBe(200);
    await expectRateLimited(await keysFrom(other), /from your address/);
  });

  it("answers 503, not 500 or a hang, when the counter cannot be written because the database is down", async () => {
    const holder = globalThis as unknown as { preflightDb?: PrismaClient };
    const previous = holder.preflightDb;
    // Nothing listens on port 1: every statement fails to connect, as with a stopped server.
    const down = createPrismaClient("postgresql://postgres@127.0.0.1:1/preflight", { max: 1 });
    holder.preflightDb = down;
    signInAs(await viewer());
    try {
      const response = await listTemplates(uniqueIp());
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/database is unavailable/) });
      // The OpenAPI document needs no database but its count: 503 too, within the wrapper.
      const openApi = await (
        await import("@/app/api/v1/openapi.json/route")
      ).GET(request("/api/v1/openapi.json", { ip: uniqueIp() }));
      expect(openApi.status).toBe(503);
    } finally {
      signInAs(null);
      holder.preflightDb = previous;
      await down.$disconnect();
    }
  });
});

describe("API rate limits (#18 point 9): the shared counter", () => {
  const second = createPrismaClient(testDatabaseUrl(), { max: 4 });
  afterAll(() => second.$disconnect());
  const limits: ApiRateLimits = { api: 4, gate: 40 };

  it("is one count for two Prisma clients (two instances): the fifth request is refused on either", async () => {
    const now = new Date();
    const count = { bucket: "api" as const, ip: uniqueIp(), tokenId: uniqueKey("token") };
    const verdicts = [];
    for (const client of [prisma, second, prisma, second, prisma, second])
      verdicts.push(await countApiRequest(client, count, limits, now));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, true, false, false]);
    expect(verdicts[4]).toEqual({
      allowed: false,
      by: "token",
      limit: 4,
      retryAfterSeconds: secondsLeftInWindow(now),
    });
  });

  it("never lets parallel requests from both clients past the limit", async () => {
    const now = new Date();
    const count = { bucket: "gate" as const, ip: uniqueIp(), tokenId: uniqueKey("token") };
    const verdicts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => countApiRequest(i % 2 ? prisma : second, count, limits, now)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(40);
  });

  it("counts nothing when a limit is 0 (off)", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++)
      expect(await countApiRequest(prisma, { bucket: "api", ip }, { api: 0, gate: 5 })).toEqual({ allowed: true });
    expect(await prisma.rateLimitCounter.count({ where: { key: { contains: ip } } })).toBe(0);
    // The gate's limit is separate: still counted.
    await countApiRequest(prisma, { bucket: "gate", ip }, { api: 0, gate: 5 });
    expect(await prisma.rateLimitCounter.count({ where: { key: { contains: ip } } })).toBe(1);
  });

  it("starts again in the next window, and removes the API's expired windows (never the sign-in ones)", async () => {
    const ip = uniqueIp();
    const now = new Date();
    const old = new Date(apiWindowStart(now).getTime() - 10 * API_RATE_WINDOW_MS);
    await prisma.rateLimitCounter.createMany({
      data: [
        { key: `api:api:ip:${ip}-old`, windowStart: old, count: 3 },
        { key: `sign-in:ip:${ip}`, windowStart: old, count: 3 },
      ],
    });
    const count = { bucket: "api" as const, ip };
    for (let i = 0; i < 4; i++) await countApiRequest(prisma, count, limits, now);
    expect((await countApiRequest(prisma, count, limits, now)).allowed).toBe(false);
    const next = new Date(apiWindowStart(now).getTime() + API_RATE_WINDOW_MS);
    expect((await countApiRequest(prisma, count, limits, next)).allowed).toBe(true);
    const rows = await prisma.rateLimitCounter.findMany({ where: { key: { contains: ip } }, orderBy: { key: "asc" } });
    expect(rows.map((row) => row.key)).toEqual([`api:api:ip:${ip}`, `api:api:ip:${ip}`, `sign-in:ip:${ip}`]);
  });
});
