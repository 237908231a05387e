// #17 point 4, an audit tail that can't be cut: the database deletes an audit event only when
// a checkpoint written in the same transaction covers it, refuses a checkpoint at the head or
// over a young event, and its triggers fire under `session_replication_role = replica` too.
// Each test tries one way an attacker with a database session would cut the newest events.
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/record";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createScratchDatabase, disposeAfterFile, runSql } from "@/test/db";
import { formatVerifyResult } from "@/scripts/commands/audit";
import { GENESIS_HASH } from "./canonical";
import { verifyAuditChain } from "./verify-chain";

const DAY = 86_400_000;
const refused = /append-only|refused/;

async function chainWith(ages: number[]): Promise<{ url: string; client: PrismaClient; ids: bigint[] }> {
  const url = await createScratchDatabase();
  await migrate(url);
  const client = createPrismaClient(url, { max: 4 });
  disposeAfterFile(() => client.$disconnect());
  for (const [n, days] of ages.entries())
    await client.$transaction((tx) =>
      appendAuditEvent(
        tx,
        { actorLabel: "test", action: "test.event", entityType: "Test", entityId: `e${n}` },
        new Date(Date.now() - days * DAY),
      ),
    );
  const ids = (await client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((e) => e.id);
  return { url, client, ids };
}

async function hashOf(client: PrismaClient, id: bigint): Promise<string> {
  return (await client.auditEvent.findUniqueOrThrow({ where: { id }, select: { hash: true } })).hash!;
}

/** A checkpoint over events after any earlier one up to `lastEventId`, with honest facts. */
async function checkpointData(client: PrismaClient, lastEventId: bigint) {
  const removedCount = await client.auditEvent.count({ where: { id: { lte: lastEventId } } });
  return { lastEventId, lastHash: await hashOf(client, lastEventId), removedCount, exportFile: "forged.jsonl" };
}

describe("an audit tail that can't be cut (#17 point 4)", () => {
  it("refuses the old bypass: the retention flag no longer lets the newest events be deleted", async () => {
    const { url, client, ids } = await chainWith([3, 2, 0, 0]);
    const before = await verifyAuditChain({ db: client });
    await expect(
      runSql(
        url,
        `BEGIN; SET LOCAL preflight.audit_retention = 'on'; DELETE FROM "AuditEvent" WHERE "id" >= ${ids[2]}; COMMIT;`,
      ),
    ).rejects.toThrow(`deleting event #${ids[2]} is refused`);
    await expect(client.auditEvent.deleteMany({ where: { id: { gte: ids[2]! } } })).rejects.toThrow(refused);
    expect(await client.auditEvent.count()).toBe(4);
    expect(await verifyAuditChain({ db: client })).toEqual(before);
  });

  it("refuses a forged checkpoint at the head, over a young event, or with a false hash or count, and deletes nothing", async () => {
    const { client, ids } = await chainWith([5, 4, 3, 0.5, 0]);
    const attempt = (data: Awaited<ReturnType<typeof checkpointData>>) =>
      client.$transaction(async (tx) => {
        await tx.auditCheckpoint.create({ data });
        await tx.auditEvent.deleteMany({ where: { id: { lte: data.lastEventId } } });
      });

    await expect(attempt(await checkpointData(client, ids[4]!))).rejects.toThrow(
      `event #${ids[4]} is the newest event, and the head of the chain is never removed`,
    );
    await expect(attempt(await checkpointData(client, ids[3]!))).rejects.toThrow(
      /younger than the minimum age of 1 day/,
    );
    await expect(attempt({ ...(await checkpointData(client, ids[1]!)), lastHash: GENESIS_HASH })).rejects.toThrow(
      `its hash is not the hash of event #${ids[1]}`,
    );
    await expect(attempt({ ...(await checkpointData(client, ids[1]!)), removedCount: 1 })).rejects.toThrow(
      "it says 1 events are removed, but 2 events precede it",
    );
    await expect(attempt({ ...(await checkpointData(client, ids[1]!)), lastEventId: 0n })).rejects.toThrow(
      "it must cover events after #0",
    );
    expect(await client.auditEvent.count()).toBe(5);
    expect(await client.auditCheckpoint.count()).toBe(0);
  });

  it("deletes only what the checkpoint of the same transaction covers: not more, and not in another transaction", async () => {
    const { client, ids } = await chainWith([5, 4, 3, 0]);
    // An honest checkpoint over the two oldest cannot carry the deletion of a third.
    await expect(
      client.$transaction(async (tx) => {
        await tx.auditCheckpoint.create({ data: await checkpointData(client, ids[1]!) });
        await tx.auditEvent.deleteMany({ where: { id: { lte: ids[2]! } } });
      }),
    ).rejects.toThrow(`deleting event #${ids[2]} is refused`);
    // A checkpoint committed earlier covers nothing in a later transaction.
    await client.auditCheckpoint.create({ data: await checkpointData(client, ids[1]!) });
    await expect(client.auditEvent.deleteMany({ where: { id: { lte: ids[1]! } } })).rejects.toThrow(
      `deleting event #${ids[0]} is refused`,
    );
    await expect(client.$executeRawUnsafe(`DELETE FROM "AuditCheckpoint"`)).rejects.toThrow(
      /audit checkpoints are append-only/,
    );
    expect(await client.auditEvent.count()).toBe(4);
  });

  it("keeps every trigger on under session_replication_role = replica", async () => {
    const { url, client, ids } = await chainWith([3, 0]);
    const asReplica = (sql: string) =>
      runSql(url, `BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
    await expect(asReplica(`DELETE FROM "AuditEvent" WHERE "id" = ${ids[1]}`)).rejects.toThrow(refused);
    await expect(asReplica(`UPDATE "AuditEvent" SET "action" = 'edited' WHERE "id" = ${ids[1]}`)).rejects.toThrow(
      refused,
    );
    await expect(asReplica(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(refused);
    await expect(
      asReplica(`INSERT INTO "AuditEvent" ("action","entityType","entityId") VALUES ('sneaky','Test','x')`),
    ).rejects.toThrow(/must carry "hash" and "prevHash"/);
    await expect(
      asReplica(
        `INSERT INTO "AuditCheckpoint" ("lastEventId","lastHash","removedCount","exportFile") VALUES (${ids[1]}, '${await hashOf(client, ids[1]!)}', 2, 'x')`,
      ),
    ).rejects.toThrow(/the head of the chain is never removed/);
    const triggers = await runSql<{ name: string; enabled: string }>(
      url,
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
        WHERE NOT tgisinternal AND tgrelid IN ('"AuditEvent"'::regclass, '"AuditCheckpoint"'::regclass, '"ItemChange"'::regclass, '"Contribution"'::regclass)
        ORDER BY tgname`,
    );
    expect(triggers.length).toBe(8);
    expect(triggers.filter((trigger) => trigger.enabled !== "A")).toEqual([]);
    expect(await client.auditEvent.count()).toBe(2);
  });

  it("audit verify names the checkpoint it starts from and the head", async () => {
    const { client, ids } = await chainWith([5, 4, 0]);
    await client.$transaction(async (tx) => {
      await tx.auditCheckpoint.create({ data: await checkpointData(client, ids[1]!) });
      await tx.auditEvent.deleteMany({ where: { id: { lte: ids[1]! } } });
    });
    const result = await verifyAuditChain({ db: client });
    const checkpoint = await client.auditCheckpoint.findFirstOrThrow();
    expect(result).toMatchObject({ ok: true, checked: 1, checkpoint: { id: checkpoint.id, lastEventId: ids[1] } });
    expect(formatVerifyResult(result)).toBe(
      `audit chain intact: 1 events (since checkpoint #${checkpoint.id} of ${checkpoint.createdAt.toISOString()}, after event #${ids[1]}); head hash ${await hashOf(client, ids[2]!)}`,
    );
  });
});
