// The e2e server's embedded database, found as the command line finds it (the data folder's
// secrets and Postgres's own postmaster.pid), for a spec that sets up what the browser cannot
// make in reasonable time — hours of webhook backoff — and says so where it does.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_DATA_DIR } from "./server";

export async function withE2EDatabase<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const { postgresPassword } = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "secrets.json"), "utf8")) as {
    postgresPassword: string;
  };
  // Lines of postmaster.pid: pid, data directory, start time, port, …
  const port = readFileSync(path.join(E2E_DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[3];
  const client = new pg.Client({
    connectionString: `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${port}/preflight`,
  });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}
