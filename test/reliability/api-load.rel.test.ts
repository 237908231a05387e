// 50 API clients tick and reopen random items of one deployment for 10 seconds. Afterwards
// the database must agree with what the server acknowledged: each item's version counts
// its acknowledged writes, its state is the last acknowledged one, every write left one
// audit event, and no request got a 5xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma, testDatabaseUrl } from "@/test/db";
import { startAppServer, type AppServer } from "@/test/reliability/app-server";
import { createLoadFixture, type LoadFixture } from "@/test/reliability/fixtures";
import { runItemLoad, summariseAcks } from "@/test/reliability/load";

const prisma = useTestPrisma();
let app: AppServer;
let fixture: LoadFixture;

beforeAll(async () => {
  fixture = await createLoadFixture(prisma);
  app = await startAppServer({ databaseUrl: testDatabaseUrl(), port: 3400, dataDir: ".data/reliability-load" });
}, 300_000);

afterAll(async () => {
  await app?.stop();
});

describe("50 concurrent API clients for 10 seconds", () => {
  it("leave every item exactly as the last acknowledged write, with one audit event per write and no 5xx", async () => {
    const result = await runItemLoad({
      baseUrl: app.baseUrl,
      token: fixture.token,
      deploymentId: fixture.deploymentId,
      itemIds: fixture.itemIds,
      clients: 50,
      durationMs: 10_000,
    });
    console.info(
      `load: ${result.requests} requests, ${result.acks.length} acknowledged, ${result.conflicts} conflicts, statuses ${JSON.stringify(Object.fromEntries(result.statuses))}`,
    );

    expect(result.serverErrors).toEqual([]);
    expect(result.networkErrors).toBe(0);
    expect(result.acks.length).toBeGreaterThan(0);
    expect([...result.statuses.keys()].every((status) => status === 200 || status === 409)).toBe(true);

    const acked = summariseAcks(result.acks);
    const states = await prisma.itemState.findMany({
      where: { deploymentId: fixture.deploymentId },
      select: { id: true, itemId: true, status: true, version: true },
    });
    expect(states).toHaveLength(fixture.itemIds.length);
    for (const state of states) {
      const writes = acked.get(state.itemId);
      expect({ item: state.itemId, version: state.version, status: state.status }).toEqual({
        item: state.itemId,
        version: writes?.count ?? 0,
        status: writes?.last.status ?? "OPEN",
      });
    }

    const auditEvents = await prisma.auditEvent.count({
      where: { action: "item.update", entityId: { in: states.map((s) => s.id) } },
    });
    expect(auditEvents).toBe(result.acks.length);
  }, 120_000);
});
