// Vitest global setup for integration tests: one migrated Postgres database per run, on
// the server named by DATABASE_URL when set, otherwise on an embedded server in a
// temporary folder. Tests receive its URL through inject("databaseUrl").
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, withDatabaseName } from "@/lib/db/databases";
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
    adminUrl = withDatabaseName(serverUrl, "postgres");
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
    adminUrl = withDatabaseName(server.url, "postgres");
    stopServer = server.stop;
  }
  const name = `preflight_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const database = await createDatabase(adminUrl, name);
  const databaseUrl = database.url;
  await migrate(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminUrl", adminUrl);

  return async () => {
    await database.drop();
    await stopServer();
  };
}
