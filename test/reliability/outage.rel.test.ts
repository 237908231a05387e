// The database goes away in the middle of API load and comes back a few seconds later.
// While it is down: API requests fail fast with a 503 and a JSON message, pages show the
// "database unavailable" state, the health check says 503. After it returns: the app serves
// again within 5 seconds, without a restart. Every write is whole or absent: each item's
// version equals the number of audit events written for it, in the same transactions.
//
// The database here is an embedded PostgreSQL this test owns, so it can stop and start it
// without touching a server other work depends on.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startAppServer, type AppServer } from "@/test/reliability/app-server";
import { createWriteToken } from "@/test/reliability/fixtures";
import { runItemLoad } from "@/test/reliability/load";
import { signInOverHttp } from "@/test/reliability/sign-in";

const password = randomBytes(12).toString("hex");
const dataDir = mkdtempSync(path.join(tmpdir(), "preflight-outage-"));
chmodSync(dataDir, 0o755);
let database: EmbeddedServer;
let prisma: PrismaClient;
let app: AppServer;
let token: string;
let deploymentId: string;
let itemIds: string[];
let cookie: string;

const startDatabase = (port?: number) => startEmbeddedPostgres({ dataDir, password, port, persistent: true });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await startDatabase();
  await migrate(database.url);
  app = await startAppServer({ databaseUrl: database.url, port: 3401, dataDir: path.join(dataDir, "app") });
  prisma = createPrismaClient(database.url, { max: 2 });

  // The start script seeded the reference template; an engineer creates a deployment through the API.
  const email = `outage-${randomBytes(4).toString("hex")}@example.test`;
  const engineer = await prisma.user.create({
    data: { email, name: "Outage Engineer", role: "ENGINEER", passwordHash: await hashPassword("outage-password-1") },
  });
  token = await createWriteToken(prisma, engineer.id);
  const version = await prisma.templateVersion.findFirstOrThrow({
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const created = await fetch(`${app.baseUrl}/api/v1/deployments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      service: "outage-svc",
      environment: "prod",
      version: "1.0.0",
      templateVersionId: version.id,
    }),
  });
  expect(created.status).toBe(201);
  deploymentId = ((await created.json()) as { id: string }).id;
  itemIds = (await prisma.itemState.findMany({ where: { deploymentId }, select: { itemId: true } })).map(
    (s) => s.itemId,
  );
  cookie = await signInOverHttp(app.baseUrl, email, "outage-password-1");
}, 300_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await app?.stop();
  await database?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a database outage under load", () => {
  it("fails fast with 503 while down, recovers within 5 s without a restart, and leaves no half-applied write", async () => {
    const load = runItemLoad({ baseUrl: app.baseUrl, token, deploymentId, itemIds, clients: 20, durationMs: 14_000 });

    await pause(3_000);
    await prisma.$disconnect();
    await database.stop();
    const downAt = Date.now();

    await pause(1_000);
    const health = await fetch(`${app.baseUrl}/api/health`);
    expect(health.status).toBe(503);
    const apiStarted = Date.now();
    const api = await fetch(`${app.baseUrl}/api/v1/deployments/${deploymentId}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const apiElapsed = Date.now() - apiStarted;
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: expect.stringMatching(/database/i) });
    const page = await fetch(`${app.baseUrl}/`, { headers: { Cookie: cookie } });
    expect(page.status).toBeLessThan(500);
    expect(await page.text()).toContain("Database unavailable");

    await pause(Math.max(0, downAt + 5_000 - Date.now()));
    database = await startDatabase(database.port);
    const upAt = Date.now();
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - upAt < 15_000) {
      const probe = await fetch(`${app.baseUrl}/api/v1/deployments/${deploymentId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (probe.status === 200) recoveredAt = Date.now();
      else await pause(100);
    }
    const result = await load;
    console.info(
      `outage: API answered 503 in ${apiElapsed} ms while down; served again ${recoveredAt - upAt} ms after the database was back; statuses ${JSON.stringify(Object.fromEntries(result.statuses))}`,
    );

    expect(recoveredAt, "the app serves again without a restart").toBeGreaterThan(0);
    expect(recoveredAt - upAt).toBeLessThanOrEqual(5_000);
    expect(result.serverErrors.length, "the outage was seen by the load").toBeGreaterThan(0);
    for (const failure of result.serverErrors) {
      expect(failure.status).toBe(503);
      expect(JSON.parse(failure.body)).toMatchObject({ error: expect.stringMatching(/database/i) });
    }
    expect(
      Math.max(...result.serverErrors.map((f) => f.elapsedMs)),
      "503s come fast, not after a long hang",
    ).toBeLessThan(10_000);
    expect(result.statuses.get(200) ?? 0).toBeGreaterThan(0);

    prisma = createPrismaClient(database.url, { max: 2 });
    const states = await prisma.itemState.findMany({
      where: { deploymentId },
      select: { id: true, status: true, version: true },
    });
    const events = await prisma.auditEvent.findMany({
      where: { action: "item.update", entityId: { in: states.map((s) => s.id) } },
      orderBy: { id: "asc" },
      select: { entityId: true, after: true },
    });
    for (const state of states) {
      const own = events.filter((e) => e.entityId === state.id);
      expect(own.length, `item state ${state.id}: one audit event per applied write`).toBe(state.version);
      const last = own.at(-1)?.after as { status?: string } | undefined;
      expect(state.status).toBe(last?.status ?? "OPEN");
    }
  }, 180_000);
});
