import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrate, MigrationError, readMigrations, sha256 } from "@/lib/db/migrate";
import { createScratchDatabase, runSql } from "@/test/db";

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "preflight-migrations-"));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  return dir;
}

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number };

describe("migrate", () => {
  it("creates the schema on an empty database and records each migration as Prisma does", async () => {
    const url = await createScratchDatabase();
    const result = await migrate(url);

    const files = readMigrations();
    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await runSql<MigrationRow>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const bytes = readFileSync(path.join(defaultMigrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(sha256(bytes));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await runSql<{ table_name: string }>(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["User", "Template", "Deployment", "ItemState", "AuditEvent"]),
    );
  });

  it("applies nothing on a second run", async () => {
    const url = await createScratchDatabase();
    await migrate(url);
    const again = await migrate(url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(readMigrations().length);
  });

  it("refuses to run when an applied migration was modified, naming it", async () => {
    const url = await createScratchDatabase();
    const dir = copyOfMigrations();
    await migrate(url, dir);
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), first.sql + "\n-- tampered\n");

    const attempt = migrate(url, dir);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(`Migration ${first.name} was modified after it was applied`);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await createScratchDatabase();
    const dir = copyOfMigrations();
    await migrate(url, dir);
    const broken = "99990101000000_broken";
    mkdirSync(path.join(dir, broken));
    writeFileSync(
      path.join(dir, broken, "migration.sql"),
      `CREATE TABLE "half_written" (id int);\nSELECT * FROM "no_such_table";\n`,
    );

    await expect(migrate(url, dir)).rejects.toThrow(`Migration ${broken} failed and was rolled back`);
    expect(await runSql(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_written'`)).toEqual([]);
    expect(await runSql(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken])).toEqual([]);
  });

  it("lets two concurrent runs apply each migration exactly once", async () => {
    const url = await createScratchDatabase();
    const results = await Promise.all([migrate(url), migrate(url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(readMigrations().map((m) => m.name));
    const rows = await runSql(url, `SELECT 1 FROM "_prisma_migrations"`);
    expect(rows).toHaveLength(readMigrations().length);
  });
});
