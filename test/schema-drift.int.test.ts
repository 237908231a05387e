// Fails when prisma/schema.prisma has changes that no migration contains: the database
// the migrations build must equal the one Prisma's engine derives from the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, runSql } from "@/test/db";
import { diffSchemas } from "@/scripts/prisma-diff.mjs";

const catalogQueries = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
             ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  // Prisma's schema only: the job queue's own (pgboss, lib/jobs/setup.ts) is not in schema.prisma.
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
           WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY 1`,
};

async function catalog(url: string) {
  const entries = await Promise.all(
    Object.entries(catalogQueries).map(async ([key, sql]) => [key, await runSql(url, sql)] as const),
  );
  return Object.fromEntries(
    entries.map(([key, rows]) => [key, rows.filter((row) => row.table_name !== "_prisma_migrations")]),
  );
}

describe("schema.prisma and migrations", () => {
  it("describe the same database", async () => {
    const [fromMigrations, fromSchema] = await Promise.all([createScratchDatabase(), createScratchDatabase()]);
    await migrate(fromMigrations);
    const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
    await runSql(fromSchema, await diffSchemas(null, schema));

    const expected = await catalog(fromSchema);
    const actual = await catalog(fromMigrations);
    expect(
      actual,
      "prisma/schema.prisma has changes that no migration contains: run `npm run db:migration -- <name>`",
    ).toEqual(expected);
    expect(expected.columns?.length).toBeGreaterThan(50);
  });
});
