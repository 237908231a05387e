// Retention against a real PostgreSQL and file system: old events leave through an export
// file that verifies on its own, a checkpoint keeps the remaining chain verifiable, and a
// broken chain is never exported away.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/record";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { createScratchDatabase, disposeAfterFile, tamperWithAuditEventsAsOwner } from "@/test/db";
import { GENESIS_HASH } from "./canonical";
import { ChainChecker } from "./chain";
import { parseExportLine, retainAuditEvents } from "./retention";
import { verifyAuditChain } from "./verify-chain";

const DAY = 86_400_000;
const now = new Date("2026-11-27T12:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

async function scratch(): Promise<{ url: string; client: PrismaClient; exportDir: string }> {
  const url = await createScratchDatabase();
  await migrate(url);
  const client = createPrismaClient(url, { max: 4 });
  disposeAfterFile(() => client.$disconnect());
  return { url, client, exportDir: path.join(mkdtempSync(path.join(tmpdir(), "preflight-audit-")), "audit-exports") };
}

/** One event per date, oldest first, through the same code as recordAudit. */
async function writeAt(client: PrismaClient, dates: Date[]) {
  for (const [n, date] of dates.entries()) {
    await client.$transaction((tx) =>
      appendAuditEvent(
        tx,
        {
          actorLabel: "test",
          action: "test.event",
          entityType: "Test",
          entityId: `e${n}`,
          after: { n, text: "ünïcödé ✓", nested: { b: 2, a: [1, null] } },
        },
        date,
      ),
    );
  }
}

function readExport(file: string) {
  return readFileSync(file, "utf8").trimEnd().split("\n").map(parseExportLine);
}

describe("audit retention", () => {
  it("exports the old events to a file that chains on its own, checkpoints, removes them, and continues from the checkpoint", async () => {
    const { client, exportDir } = await scratch();
    await writeAt(client, [daysAgo(40), daysAgo(35), daysAgo(31), daysAgo(20), daysAgo(2), daysAgo(1)]);
    const ids = (await client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);

    const dry = await retainAuditEvents({ days: 30, exportDir, dryRun: true }, { db: client, now });
    expect(dry).toMatchObject({ removed: 0, dryRun: true, plan: { fromId: ids[0], toId: ids[2], count: 3 } });
    expect(await client.auditEvent.count()).toBe(6);

    const first = await retainAuditEvents({ days: 30, exportDir }, { db: client, now });
    const firstFile = path.join(exportDir, `audit-${ids[0]}-${ids[2]}.jsonl`);
    expect(first).toMatchObject({ removed: 3, plan: { exportFile: firstFile } });
    const exported = readExport(firstFile);
    expect(exported.map((e) => e.id)).toEqual(ids.slice(0, 3));
    expect(exported[1]).toMatchObject({
      action: "test.event",
      entityId: "e1",
      after: { n: 1, text: "ünïcödé ✓" },
      createdAt: daysAgo(35),
    });
    const fileChain = new ChainChecker(GENESIS_HASH);
    expect(exported.every((event) => fileChain.check(event))).toBe(true);
    expect(readdirSync(exportDir)).toEqual([path.basename(firstFile)]);

    const checkpoint = await client.auditCheckpoint.findFirstOrThrow();
    expect(checkpoint).toMatchObject({
      lastEventId: ids[2],
      lastHash: fileChain.expectedPrevHash,
      removedCount: 3,
      exportFile: firstFile,
    });
    expect(
      (await client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id),
    ).toEqual(ids.slice(3));
    expect(await verifyAuditChain({ db: client })).toMatchObject({
      ok: true,
      checked: 3,
      checkpoint: { id: checkpoint.id },
    });

    // Nothing more is old enough: a second run with the same window changes nothing.
    expect(await retainAuditEvents({ days: 30, exportDir }, { db: client, now })).toMatchObject({ removed: 0 });

    // A shorter window continues from the checkpoint: the next file links to its hash.
    const second = await retainAuditEvents({ days: 10, exportDir }, { db: client, now });
    expect(second).toMatchObject({ removed: 1, plan: { fromId: ids[3], toId: ids[3] } });
    const [next] = readExport(second.plan!.exportFile);
    expect(next!.prevHash).toBe(checkpoint.lastHash);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 2 });

    // Everything old: all but the newest event go. The head of the chain always stays, so
    // nobody can cut the tail and start a new chain that looks intact.
    expect(
      await retainAuditEvents({ days: 1, exportDir }, { db: client, now: new Date(now.getTime() + 30 * DAY) }),
    ).toMatchObject({ removed: 1, plan: { fromId: ids[4], toId: ids[4] } });
    expect((await client.auditEvent.findMany({ select: { id: true } })).map((e) => e.id)).toEqual([ids[5]]);
    await writeAt(client, [now]);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 2 });
    expect(await client.auditCheckpoint.count()).toBe(3);
  });

  it("stops at the first event inside the window, so a skewed clock never removes a young event", async () => {
    const { client, exportDir } = await scratch();
    await writeAt(client, [daysAgo(50), daysAgo(1), daysAgo(45)]);
    expect(await retainAuditEvents({ days: 30, exportDir }, { db: client, now })).toMatchObject({ removed: 1 });
    expect(
      (await client.auditEvent.findMany({ select: { entityId: true }, orderBy: { id: "asc" } })).map((e) => e.entityId),
    ).toEqual(["e1", "e2"]);
  });

  it("refuses to export a broken chain and removes nothing", async () => {
    const { url, client, exportDir } = await scratch();
    await writeAt(client, [daysAgo(40), daysAgo(39), daysAgo(38), daysAgo(1)]);
    const second = (await client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } }))[1]!.id;
    await tamperWithAuditEventsAsOwner(url, `UPDATE "AuditEvent" SET "entityId" = 'forged' WHERE "id" = ${second}`);
    const refusal = retainAuditEvents({ days: 30, exportDir }, { db: client, now });
    await expect(refusal).rejects.toThrow(AppError);
    await expect(refusal).rejects.toThrow(`audit chain broken at event #${second}: content changed`);
    expect(await client.auditEvent.count()).toBe(4);
    expect(await client.auditCheckpoint.count()).toBe(0);
    expect(() => readdirSync(exportDir)).not.toThrow();
    expect(readdirSync(exportDir)).toEqual([]);
  });

  it("lets two simultaneous runs remove each event once", async () => {
    const { client, exportDir } = await scratch();
    await writeAt(client, [daysAgo(40), daysAgo(39), daysAgo(38), daysAgo(1)]);
    const runs = await Promise.allSettled(
      [1, 2].map(() => retainAuditEvents({ days: 30, exportDir }, { db: client, now })),
    );
    const removed = runs.map((run) => (run.status === "fulfilled" ? run.value.removed : 0));
    expect(removed.reduce((a, b) => a + b)).toBe(3);
    for (const run of runs)
      if (run.status === "rejected")
        expect(run.reason).toMatchObject({
          code: "CONFLICT",
          message: expect.stringContaining("Another retention run"),
        });
    expect(await client.auditCheckpoint.count()).toBe(1);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 1 });
  });
});
