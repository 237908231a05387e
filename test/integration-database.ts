// Vitest global setup for integration tests: one migrated Postgres database per run, on
// the server named by DATABASE_URL when set, otherwise on an embedded server in a
// temporary folder. Tests receive its URL through inject("databaseUrl").
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** A database on the same server for creating and dropping scratch databases. */
    adminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  let adminUrl: string;
  if (serverUrl) {
    adminUrl = withDatabase(serverUrl, "postgres");
  } else {
    const password = randomBytes(12).toString("hex");
    const dataDir = mkdtempSync(path.join(tmpdir(), "preflight-test-"));
    // mkdtemp makes it private; as root, Postgres runs as another user that must enter it.
    chmodSync(dataDir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir,
      password,
      persistent: false,
    });
    adminUrl = withDatabase(server.url, "postgres");
    stopServer = server.stop;
  }
  const name = `preflight_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = withDatabase(adminUrl, name);
  await migrate(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminUrl", adminUrl);

  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await stopServer();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
