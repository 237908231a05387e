// Database selection, in one place: DATABASE_URL set → that server; unset → the embedded
// PostgreSQL under the data folder (reusing one a running Preflight already started).
import path from "node:path";
import type { Env } from "@/lib/env";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { runningEmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";

export type AcquiredDatabase = {
  url: string;
  /** One line for the log saying which database is in use (no password). */
  description: string;
  /** Stops the embedded server if this call started it. */
  release: () => Promise<void>;
};

export async function acquireDatabase(env: Env, onLog?: (line: string) => void): Promise<AcquiredDatabase> {
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      description: `server PostgreSQL at ${describeUrl(env.DATABASE_URL)}`,
      release: async () => {},
    };
  }
  const { postgresPassword } = loadLocalSecrets(env.DATA_DIR);
  const dataFolder = path.join(env.DATA_DIR, "postgres");
  const running = await runningEmbeddedPostgres(env.DATA_DIR, postgresPassword);
  if (running) {
    return {
      url: running,
      description: `embedded PostgreSQL at ${describeUrl(running)} (data in ${dataFolder}, already running)`,
      release: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, password: postgresPassword, onLog });
  return {
    url: server.url,
    description: `embedded PostgreSQL at ${describeUrl(server.url)} (data in ${dataFolder})`,
    release: server.stop,
  };
}

/** host:port/database of a connection URL, never its credentials. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
