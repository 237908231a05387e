// The audit log against a real PostgreSQL: concurrent writers form one chain, the database
// refuses to change or remove events, and tampering by the owner (who can bypass the
// trigger) is caught by the verifier. Chains that get broken live in scratch databases.
import { describe, expect, it } from "vitest";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { leavesOf } from "@/lib/checklists/tree";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import {
  createScratchDatabase,
  createTestUser,
  disposeAfterFile,
  tamperWithAuditEventsAsOwner,
  uniqueKey,
  useTestPrisma,
} from "@/test/db";
import { auditEventHash, GENESIS_HASH, type JsonValue } from "./canonical";
import { AUDIT_CHAIN_LOCK } from "./chain";
import { verifyAuditChain } from "./verify-chain";

const prisma = useTestPrisma();

/** A migrated, empty database of its own, with a client that is closed after the file. */
async function scratchChain(): Promise<{ url: string; client: PrismaClient }> {
  const url = await createScratchDatabase();
  await migrate(url);
  const client = createPrismaClient(url, { max: 8 });
  disposeAfterFile(() => client.$disconnect());
  return { url, client };
}

const sample = (n: number): AuditInput => ({
  actorLabel: "test",
  action: "test.event",
  entityType: "Test",
  entityId: `e${n}`,
  before: n % 2 ? { zeta: n, alpha: { list: [3, 1, { b: null, a: "x" }] } } : undefined,
  after: { ключ: "🔴 значение", "emoji 🚀": [n, n / 3, true, null], nested: { b: { d: 1, c: 2 }, a: [] } },
});

async function writeSequentially(client: PrismaClient, count: number) {
  for (let n = 1; n <= count; n++) await client.$transaction((tx) => recordAudit(tx, sample(n)));
  return client.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true, hash: true, prevHash: true } });
}

const refused = /audit events are append-only/;

describe("the audit hash chain", () => {
  it("stays one unbroken chain when 50 transactions write at once", async () => {
    const { client } = await scratchChain();
    // More transactions than connections: the rest queue for a connection, so wait longer than Prisma's 2 s.
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        client.$transaction((tx) => recordAudit(tx, sample(n)), { maxWait: 60_000 }),
      ),
    );
    const events = await client.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events).toHaveLength(50);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    // A fork would show as two events naming the same predecessor.
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(50);
    events.slice(1).forEach((event, i) => expect(event.prevHash).toBe(events[i]!.hash));
    // Batches smaller than the chain: the walk carries the link across batch boundaries.
    expect(await verifyAuditChain({ db: client, batchSize: 7 })).toMatchObject({
      ok: true,
      checked: 50,
      legacy: 0,
      headHash: events.at(-1)!.hash,
    });
  });

  it("chains the app's own concurrent item updates on the shared database", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const template = await importSmallTemplate(prisma);
    const deployments = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const { id } = await createDeployment(engineer, {
          service: uniqueKey("svc"),
          environment: "production",
          version: "1.0.0",
          templateVersionId: template.versionId,
        });
        return { id, leaves: leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items)).slice(0, 5) };
      }),
    );
    await Promise.all(
      deployments.flatMap(({ id, leaves }) =>
        leaves.map((leaf) =>
          updateItemState(engineer, { deploymentId: id, itemId: leaf.id, version: 0, note: `checked ${leaf.text}` }),
        ),
      ),
    );
    const updates = await prisma.auditEvent.findMany({
      where: { action: "item.update", actorId: engineer.id },
      select: { prevHash: true, hash: true },
    });
    expect(updates).toHaveLength(50);
    expect(updates.every((e) => /^[0-9a-f]{64}$/.test(e.hash!) && /^[0-9a-f]{64}$/.test(e.prevHash!))).toBe(true);
    // Other test files write to this database meanwhile; the chain must hold across all of them.
    expect(await verifyAuditChain({ db: prisma })).toMatchObject({ ok: true });
  });

  it("links in the database under the lock the application names (AUDIT_CHAIN_LOCK)", async () => {
    const [fn] = await prisma.$queryRaw<
      { source: string }[]
    >`SELECT prosrc AS source FROM pg_proc WHERE proname = 'audit_chain_link'`;
    expect(fn?.source).toContain(`pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    // While another transaction holds that lock, an append waits for it.
    const { client } = await scratchChain();
    let appended = false;
    let append: Promise<unknown> | undefined;
    await client.$transaction(async (holder) => {
      await holder.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      append = client.$transaction((tx) => recordAudit(tx, sample(1))).then(() => (appended = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(appended).toBe(false);
    });
    await append;
    expect(appended).toBe(true);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 1 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE through the app's connection, and unhashed inserts", async () => {
    const { client } = await scratchChain();
    const [first] = await writeSequentially(client, 3);
    await expect(client.auditEvent.update({ where: { id: first!.id }, data: { action: "edited" } })).rejects.toThrow(
      refused,
    );
    await expect(client.auditEvent.delete({ where: { id: first!.id } })).rejects.toThrow(refused);
    await expect(client.auditEvent.deleteMany({})).rejects.toThrow(refused);
    await expect(client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "after" = '{}'`)).rejects.toThrow(refused);
    await expect(client.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(refused);
    await expect(client.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(refused);
    await expect(
      client.auditEvent.create({ data: { action: "sneaky", entityType: "Test", entityId: "x" } }),
    ).rejects.toThrow(/must carry "hash" and "prevHash"/);
    // What retention may delete, and how a checkpoint is guarded: lib/audit/tail-guard.int.test.ts.
    expect(await client.auditEvent.count()).toBe(3);
    expect(await client.auditEvent.count({ where: { action: "test.event" } })).toBe(3);
  });

  it("catches an event whose content the owner changed behind the trigger's back", async () => {
    const { url, client } = await scratchChain();
    const events = await writeSequentially(client, 5);
    expect((await verifyAuditChain({ db: client })).ok).toBe(true);
    await tamperWithAuditEventsAsOwner(
      url,
      `UPDATE "AuditEvent" SET "after" = '{"status":"DONE"}' WHERE "id" = ${events[2]!.id}`,
    );
    expect(await verifyAuditChain({ db: client })).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { id: events[2]!.id, reason: "content changed" },
    });
  });

  it("catches an event removed from the middle at the next event", async () => {
    const { url, client } = await scratchChain();
    const events = await writeSequentially(client, 5);
    await tamperWithAuditEventsAsOwner(url, `DELETE FROM "AuditEvent" WHERE "id" = ${events[2]!.id}`);
    expect(await verifyAuditChain({ db: client })).toMatchObject({
      ok: false,
      firstBroken: { id: events[3]!.id, reason: "link broken" },
    });
  });

  it("catches a rewritten event whose own hash was recomputed (at the next link), and an erased hash", async () => {
    const { url, client } = await scratchChain();
    const events = await writeSequentially(client, 4);
    const target = await client.auditEvent.findUniqueOrThrow({ where: { id: events[1]!.id } });
    const forgedAfter = { forged: true };
    const forgedHash = auditEventHash({
      ...target,
      prevHash: target.prevHash!,
      before: target.before as JsonValue,
      after: forgedAfter,
    });
    await tamperWithAuditEventsAsOwner(
      url,
      `UPDATE "AuditEvent" SET "after" = $$${JSON.stringify(forgedAfter)}$$, "hash" = '${forgedHash}' WHERE "id" = ${target.id}`,
    );
    expect(await verifyAuditChain({ db: client })).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { id: events[2]!.id, reason: "link broken" },
    });

    await tamperWithAuditEventsAsOwner(url, `UPDATE "AuditEvent" SET "hash" = NULL WHERE "id" = ${events[1]!.id}`);
    expect(await verifyAuditChain({ db: client })).toMatchObject({
      ok: false,
      firstBroken: { id: events[1]!.id, reason: "missing hash" },
    });
  });

  it("counts events from before the chain existed and starts the chain after them", async () => {
    const { url, client } = await scratchChain();
    // As the migration found them: no hash (only an owner can insert these now).
    await tamperWithAuditEventsAsOwner(
      url,
      `INSERT INTO "AuditEvent" ("action","entityType","entityId") VALUES ('legacy.one','Test','a'), ('legacy.two','Test','b')`,
    );
    const events = await writeSequentially(client, 2);
    expect(events[2]!.prevHash).toBe(GENESIS_HASH);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 2, legacy: 2 });
  });
});
