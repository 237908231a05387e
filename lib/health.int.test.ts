import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";

// This file owns a database server of its own, so it can stop and restart it.
const dataDir = mkdtempSync(path.join(tmpdir(), "preflight-health-"));
chmodSync(dataDir, 0o755);
const password = "health-check-test";
let server: EmbeddedServer | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function getHealth() {
  const { GET } = await import("@/app/api/health/route");
  const response = await GET();
  return { status: response.status, body: await response.json() };
}

describe("GET /api/health", () => {
  it("answers 200 while the database is up, 503 while it is down, and 200 again once it is back", async () => {
    server = await startEmbeddedPostgres({ dataDir, password });
    process.env.DATABASE_URL = server.url;
    const port = server.port;

    // The job runner's state is reported, never decisive: no runner here and no job queue on
    // this bare database, and the check still passes.
    expect(await getHealth()).toMatchObject({
      status: 200,
      body: { status: "ok", database: "ok", jobs: { running: false, lastTickAt: null } },
    });

    await server.stop();
    expect(await getHealth()).toMatchObject({ status: 503, body: { status: "unavailable", database: "unreachable" } });

    server = await startEmbeddedPostgres({ dataDir, password, port });
    // Pooled connections died with the old server; the pool replaces them on its own.
    let health = await getHealth();
    for (let attempt = 0; attempt < 10 && health.status !== 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      health = await getHealth();
    }
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });
  });
});
