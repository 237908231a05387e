// Applies prisma/migrations/*/migration.sql and records them in `_prisma_migrations`
// exactly as Prisma Migrate does, so `prisma migrate status` agrees wherever the native
// engine exists. Why our own runner: docs/decisions/0002-offline-migrations.md. Then the
// job queue's schema, queues and schedules (lib/jobs/setup.ts, docs/decisions/0010-job-queue.md).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { setUpJobQueue, type JobQueueSetup } from "@/lib/jobs/setup";

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number; jobQueue: JobQueueSetup };

/** Prisma takes this advisory lock too, so our runner and `prisma migrate` exclude each other. */
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export const defaultMigrationsDir = path.resolve(process.cwd(), "prisma", "migrations");

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

export function readMigrations(dir = defaultMigrationsDir): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`Migration ${name} has no migration.sql.`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    });
}

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/**
 * Applies every migration not yet applied, each in its own transaction. Refuses to run
 * when an applied migration's file changed or an earlier attempt failed half-way.
 */
export async function migrate(connectionString: string, dir = defaultMigrationsDir): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const applied = checkApplied(rows, migrations);
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) await applyOne(client, migration);
    const jobQueue = await setUpJobQueue(client).catch((error: Error) => {
      throw new MigrationError(`The job queue (schema pgboss) could not be set up: ${error.message}`);
    });
    return { applied: pending.map((m) => m.name), alreadyApplied: applied.size, jobQueue };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

function checkApplied(rows: AppliedRow[], migrations: MigrationFile[]): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const row of rows) {
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} was started but did not finish; resolve it by hand before migrating again.`,
      );
    }
    const local = byName.get(row.migration_name);
    if (!local) {
      throw new MigrationError(
        `Migration ${row.migration_name} is applied to the database but missing from ${defaultMigrationsDir}.`,
      );
    }
    if (local.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (checksum ${local.checksum.slice(0, 12)}… ≠ applied ${row.checksum.slice(0, 12)}…). Restore the original file and put the change in a new migration.`,
      );
    }
  }
  return new Set(rows.map((row) => row.migration_name));
}

async function applyOne(client: pg.Client, migration: MigrationFile) {
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
