// `npm run cli -- audit …` as cron or an operator runs it: a real process on a scratch
// database of its own (these tests break its chain), its output and exit code.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/record";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, disposeAfterFile, tamperWithAuditEventsAsOwner } from "@/test/db";

type Run = { status: number | null; stdout: string; stderr: string };

function cli(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "audit", ...args],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, LOG_LEVEL: "silent", AUDIT_RETENTION_DAYS: "", ...env },
      },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const lastLine = (text: string) => text.trim().split("\n").at(-1);

async function scratch(
  dates: Date[],
): Promise<{ url: string; client: PrismaClient; ids: bigint[]; env: Record<string, string> }> {
  const url = await createScratchDatabase();
  await migrate(url);
  const client = createPrismaClient(url, { max: 2 });
  disposeAfterFile(() => client.$disconnect());
  for (const [n, date] of dates.entries()) {
    await client.$transaction((tx) =>
      appendAuditEvent(
        tx,
        { actorLabel: "test", action: "test.event", entityType: "Test", entityId: `e${n}`, after: { n } },
        date,
      ),
    );
  }
  const ids = (await client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);
  return {
    url,
    client,
    ids,
    env: { DATABASE_URL: url, DATA_DIR: mkdtempSync(path.join(tmpdir(), "preflight-audit-cli-")) },
  };
}

// Each run starts a TypeScript process (seconds on a busy machine); a test runs several.
describe.concurrent("npm run cli -- audit", { timeout: 180_000 }, () => {
  it("verify exits 0 on an intact chain and 1 with the first broken link once the owner tampers", async () => {
    const { url, ids, env } = await scratch([new Date(), new Date(), new Date()]);
    const intact = await cli(env, "verify");
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain intact: 3 events; head hash [0-9a-f]{64}\n$/);

    await tamperWithAuditEventsAsOwner(url, `UPDATE "AuditEvent" SET "after" = '{"n": 99}' WHERE "id" = ${ids[1]}`);
    const broken = await cli(env, "verify");
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe("");
    expect(lastLine(broken.stderr)).toBe(`audit chain broken at event #${ids[1]}: content changed`);

    const json = await cli(env, "verify", "--json");
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      checked: 1,
      firstBroken: { id: String(ids[1]), reason: "content changed" },
    });
  });

  it("retain refuses to run without AUDIT_RETENTION_DAYS", async () => {
    const result = await cli({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "preflight-audit-cli-")) }, "retain");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(lastLine(result.stderr)).toBe(
      "AUDIT_RETENTION_DAYS is not set: audit events are kept forever. Set it to the number of days to keep (e.g. 365) to remove older ones.",
    );
  });

  it("retain --dry-run names what it would remove; retain exports it and verify still passes from the checkpoint", async () => {
    const old = new Date(Date.now() - 100 * 86_400_000);
    const { client, ids, env } = await scratch([old, old, new Date()]);
    const withDays = { ...env, AUDIT_RETENTION_DAYS: "30" };
    const exportFile = path.resolve(env.DATA_DIR!, "audit-exports", `audit-${ids[0]}-${ids[1]}.jsonl`);

    const dry = await cli(withDays, "retain", "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(
        `^Would export 2 audit event\\(s\\) older than \\S+ \\(#${ids[0]}–#${ids[1]}\\) to ${exportFile.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} and remove them\\.\n$`,
      ),
    );
    expect(await client.auditEvent.count()).toBe(3);
    expect(existsSync(exportFile)).toBe(false);

    const run = await cli(withDays, "retain", "--json");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      removed: 2,
      dryRun: false,
      plan: { exportFile, count: 2, fromId: String(ids[0]), toId: String(ids[1]) },
    });
    expect(existsSync(exportFile)).toBe(true);

    const verify = await cli(env, "verify");
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(
      new RegExp(
        `^audit chain intact: 1 events \\(since checkpoint #\\d+ of \\S+, after event #${ids[1]}\\); head hash [0-9a-f]{64}\n$`,
      ),
    );

    const again = await cli(withDays, "retain");
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^No audit events older than \S+ \(AUDIT_RETENTION_DAYS=30\); nothing to remove\.\n$/);
  });

  it("names a bad AUDIT_RETENTION_DAYS", async () => {
    const result = await cli({ AUDIT_RETENTION_DAYS: "forever" }, "retain");
    expect(result.status).toBe(1);
    expect(lastLine(result.stderr)).toBe("Configuration error: AUDIT_RETENTION_DAYS must be a whole number of days.");
  });
});
