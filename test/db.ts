// Helpers for integration tests: a Prisma client on the run's migrated database, and
// scratch databases for tests that need an empty one.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { createDatabase } from "@/lib/db/databases";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** A Prisma client on the run's database, disconnected after the file's tests. */
export function useTestPrisma(): PrismaClient {
  const prisma = createPrismaClient(testDatabaseUrl(), { max: 4 });
  afterAll(() => prisma.$disconnect());
  return prisma;
}

/** A unique suffix so tests that run in parallel never collide on keys. */
export function uniqueKey(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

const disposers: (() => Promise<unknown>)[] = [];

/**
 * Runs `dispose` after the file's tests (last registered, first run), wherever it is called:
 * an afterAll() registered inside a running test never runs.
 */
export function disposeAfterFile(dispose: () => Promise<unknown>): void {
  disposers.push(dispose);
}

/** Registered for every integration test file by test/use-test-database.ts. */
export async function disposeAll(): Promise<void> {
  while (disposers.length) await disposers.pop()!();
}

/** An empty database on the test server, dropped after the file's tests. */
export async function createScratchDatabase(): Promise<string> {
  const adminUrl = inject("adminUrl");
  const name = `preflight_scratch_${randomBytes(5).toString("hex")}`;
  const database = await createDatabase(adminUrl, name);
  disposeAfterFile(database.drop);
  return database.url;
}

export async function runSql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A user of the given role with a unique email, for tests that need actors. */
export async function createTestUser(
  prisma: PrismaClient,
  role: "ADMIN" | "MANAGER" | "REVIEWER" | "ENGINEER" | "VIEWER",
) {
  return prisma.user.create({
    data: { email: `${uniqueKey(role.toLowerCase())}@example.test`, name: `Test ${role}`, role },
    select: { id: true, role: true, name: true },
  });
}

/**
 * What only the tables' owner can do (DDL): change audit events with their triggers switched
 * off, then switched back on as the migrations left them (ENABLE ALWAYS). Tests of what the
 * hash chain catches use it; `session_replication_role = replica` no longer gets past them.
 */
export async function tamperWithAuditEventsAsOwner(url: string, sql: string): Promise<void> {
  const triggers = ["AuditEvent_append_only_row", "AuditEvent_hashed"];
  const each = (verb: string) =>
    triggers.map((name) => `ALTER TABLE "AuditEvent" ${verb} TRIGGER "${name}";`).join("\n");
  await runSql(url, `BEGIN;\n${each("DISABLE")}\n${sql};\n${each("ENABLE ALWAYS")}\nCOMMIT;`);
}
