// Whole databases on a PostgreSQL server, for tooling: each test run, scratch database and
// benchmark gets a fresh one beside the named database, whose data is never touched.
import pg from "pg";

export type CreatedDatabase = { name: string; url: string; drop: () => Promise<void> };

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** CREATE DATABASE `name` on the server `serverUrl` points at; `drop` removes it even with open connections. */
export async function createDatabase(serverUrl: string, name: string): Promise<CreatedDatabase> {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  await adminQuery(serverUrl, `CREATE DATABASE ${quoted}`);
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
