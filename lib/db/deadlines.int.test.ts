// M5: a database that accepts connections but stops answering (a stopped server) must not
// hang the app. A loopback proxy forwards to the test server until it is frozen, then
// swallows every byte in both directions — what a SIGSTOPped PostgreSQL looks like.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { checkHealth } from "@/lib/health";
import { testDatabaseUrl } from "@/test/db";

let frozen = false;
let proxy: net.Server;
const sockets = new Set<net.Socket>();
let client: PrismaClient;

function startProxy(target: URL): Promise<number> {
  proxy = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(inbound).add(outbound);
    inbound.on("data", (chunk) => void (frozen || outbound.write(chunk)));
    outbound.on("data", (chunk) => void (frozen || inbound.write(chunk)));
    const close = () => (inbound.destroy(), outbound.destroy());
    inbound.on("error", close).on("close", close);
    outbound.on("error", close).on("close", close);
  });
  return new Promise((resolve) =>
    proxy.listen(0, "127.0.0.1", () => resolve((proxy.address() as net.AddressInfo).port)),
  );
}

beforeAll(async () => {
  const target = new URL(testDatabaseUrl());
  const port = await startProxy(target);
  const viaProxy = new URL(target);
  viaProxy.host = `127.0.0.1:${port}`;
  client = createPrismaClient(viaProxy.toString(), {
    max: 1,
    queryTimeoutMs: 1_500,
    statementTimeoutMs: 1_000,
    connectionTimeoutMs: 2_000,
  });
  await client.$queryRaw`SELECT 1`;
  (globalThis as unknown as { preflightDb?: PrismaClient }).preflightDb = client;
});

afterAll(async () => {
  frozen = false;
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await client.$disconnect().catch(() => undefined);
});

const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const outcome = await work().then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ms: Date.now() - started };
};

describe("a database that stops answering", () => {
  it("M5: a live but slow server cancels a statement past statement_timeout, an outage (503)", async () => {
    const { error, ms } = await timed(() => client.$queryRaw`SELECT pg_sleep(5)`);
    expect(ms).toBeLessThan(4_000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("M5: with the server stopped, the health check answers within HEALTH_TIMEOUT_MS (2 s) with a not-ok status", async () => {
    frozen = true;
    const { value, ms } = await timed(() => checkHealth());
    expect(ms).toBeLessThan(3_000);
    expect(value).toMatchObject({ status: "unavailable", database: "unreachable" });
  });

  it("M5: with the server stopped, a query rejects with an outage (503) error at its deadline", async () => {
    frozen = true;
    const { error, ms } = await timed(() => client.user.count());
    expect(ms).toBeLessThan(5_000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("M5: with the server stopped, a transaction waiting for a connection fails with P2028, an outage (503)", async () => {
    frozen = true;
    const busy = client.$queryRaw`SELECT 1`.catch(() => undefined);
    const { error, ms } = await timed(() => client.$transaction(async (tx) => tx.user.count()));
    expect(ms).toBeLessThan(5_000);
    expect(isDatabaseUnavailable(error)).toBe(true);
    await busy;
  });
});
