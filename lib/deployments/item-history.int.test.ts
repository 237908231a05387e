// Item history against a real PostgreSQL: a write records exactly the fields it changed, in
// its own transaction (a refused or empty write records nothing), the table refuses to be
// rewritten, version moves keep it and add a RESET, audit retention never touches it, and a
// token's write names the token.
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { leavesOf } from "@/lib/checklists/tree";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { readItemHistory, recordItemChanges } from "@/lib/deployments/item-history";
import { describeEvent } from "@/lib/deployments/item-history-view";
import { moveToLatestVersion } from "@/lib/deployments/move-to-latest";
import { deleteDraft } from "@/lib/deployments/transitions";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { readVersionStructure } from "@/lib/templates/store-version";
import type { StructureItem } from "@/lib/templates/structure";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import {
  createScratchDatabase,
  createTestUser,
  disposeAfterFile,
  tamperWithAuditEventsAsOwner,
  uniqueKey,
  useTestPrisma,
} from "@/test/db";

const prisma = useTestPrisma();

async function setUp(client: PrismaClient = prisma) {
  const engineer = await createTestUser(client, "ENGINEER");
  const template = await importSmallTemplate(client);
  const { id: deploymentId } = await createDeployment(
    engineer,
    { service: uniqueKey("hist"), environment: "production", version: "1.0.0", templateVersionId: template.versionId },
    { db: client },
  );
  const leaf = async (text: string) => {
    const checklist = (await getChecklist(deploymentId, { db: client }))!;
    const found = leavesOf(checklist.sections.flatMap((s) => s.items)).find((item) => item.text === text)!;
    return { id: found.id, key: found.key, version: found.state!.version };
  };
  const rows = (itemKey?: string) =>
    client.itemChange.findMany({
      where: { deploymentId, ...(itemKey ? { itemKey } : {}) },
      orderBy: { id: "asc" },
      select: {
        field: true,
        before: true,
        after: true,
        actorId: true,
        apiTokenId: true,
        itemKey: true,
        itemText: true,
      },
    });
  return { engineer, template, deploymentId, leaf, rows };
}

describe("item history: what a write records", () => {
  it("one row per field that changed, with before and after; an assignee by id and name", async () => {
    const { engineer, deploymentId, leaf, rows } = await setUp();
    const manager = await createTestUser(prisma, "MANAGER");
    const backups = await leaf("Backups verified");

    await updateItemState(engineer, {
      deploymentId,
      itemId: backups.id,
      version: 0,
      status: "DONE",
      note: "restore drill on Monday",
    });
    expect(await rows()).toEqual([
      expect.objectContaining({
        field: "STATUS",
        before: "OPEN",
        after: "DONE",
        actorId: engineer.id,
        apiTokenId: null,
      }),
      expect.objectContaining({ field: "NOTE", before: null, after: "restore drill on Monday", itemKey: backups.key }),
    ]);

    // The note is sent unchanged beside the change: only what changed is written.
    await updateItemState(engineer, {
      deploymentId,
      itemId: backups.id,
      version: 1,
      status: "NOT_APPLICABLE",
      naReason: "Stateless service",
      note: "restore drill on Monday",
    });
    await updateItemState(manager, { deploymentId, itemId: backups.id, version: 2, assigneeId: engineer.id });
    await updateItemState(engineer, {
      deploymentId,
      itemId: backups.id,
      version: 3,
      evidenceLinks: ["https://ci.example.com/restore/1"],
    });
    expect((await rows()).slice(2)).toEqual([
      expect.objectContaining({ field: "STATUS", before: "DONE", after: "NOT_APPLICABLE" }),
      expect.objectContaining({ field: "NA_REASON", before: null, after: "Stateless service" }),
      expect.objectContaining({
        field: "ASSIGNEE",
        before: null,
        after: { id: engineer.id, name: engineer.name },
        actorId: manager.id,
      }),
      expect.objectContaining({ field: "EVIDENCE", before: [], after: ["https://ci.example.com/restore/1"] }),
    ]);

    // Reopening clears the reason: both are changes.
    await updateItemState(engineer, { deploymentId, itemId: backups.id, version: 4, status: "OPEN" });
    expect((await rows()).slice(6)).toEqual([
      expect.objectContaining({ field: "STATUS", before: "NOT_APPLICABLE", after: "OPEN" }),
      expect.objectContaining({ field: "NA_REASON", before: "Stateless service", after: null }),
    ]);
  });

  it("a write that changes nothing writes nothing: no row, no new version, no audit event", async () => {
    const { engineer, deploymentId, leaf, rows } = await setUp();
    const backups = await leaf("Backups verified");
    await updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, status: "DONE", note: "ok" });
    const audited = await prisma.auditEvent.count({ where: { actorId: engineer.id } });
    const before = await rows();

    const same = await updateItemState(engineer, {
      deploymentId,
      itemId: backups.id,
      version: 1,
      status: "DONE",
      note: "ok",
      evidenceLinks: [],
    });
    expect(same).toMatchObject({ status: "DONE", note: "ok", version: 1 });
    expect(await rows()).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { actorId: engineer.id } })).toBe(audited);
    // Still judged against the version it names.
    await expect(
      updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, status: "DONE" }),
    ).rejects.toMatchObject({ status: 409, details: { current: expect.objectContaining({ version: 1 }) } });
  });

  it("a refused write writes nothing: stale version, forbidden role, bad input", async () => {
    const { engineer, deploymentId, leaf, rows } = await setUp();
    const viewer = await createTestUser(prisma, "VIEWER");
    const manager = await createTestUser(prisma, "MANAGER");
    const backups = await leaf("Backups verified");
    await updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, status: "DONE" });
    const before = await rows();

    const refusals: [() => Promise<unknown>, number][] = [
      [() => updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, note: "stale" }), 409],
      [() => updateItemState(viewer, { deploymentId, itemId: backups.id, version: 1, note: "viewer" }), 403],
      [() => updateItemState(manager, { deploymentId, itemId: backups.id, version: 1, note: "manager" }), 403],
      [
        () => updateItemState(engineer, { deploymentId, itemId: backups.id, version: 1, status: "NOT_APPLICABLE" }),
        400,
      ],
      [
        () =>
          updateItemState(engineer, {
            deploymentId,
            itemId: backups.id,
            version: 1,
            evidenceLinks: ["javascript:alert(1)"],
          }),
        400,
      ],
      // Refused inside the transaction, after the item was read: a viewer cannot be assigned.
      [() => updateItemState(engineer, { deploymentId, itemId: backups.id, version: 1, assigneeId: viewer.id }), 400],
    ];
    for (const [refused, status] of refusals) await expect(refused()).rejects.toMatchObject({ status });
    expect(await rows()).toEqual(before);
  });
});

describe("item history: append-only", () => {
  it("refuses UPDATE and DELETE while the deployment exists; deleting a draft removes its rows", async () => {
    const { engineer, deploymentId, leaf, rows } = await setUp();
    const backups = await leaf("Backups verified");
    const state = { status: "OPEN" as const, naReason: null, note: null, evidenceLinks: [], assignee: null };
    // A draft's first change starts it, so its history is written here, by the same writer.
    await prisma.$transaction((tx) =>
      recordItemChanges(tx, {
        deploymentId,
        item: { key: backups.key, text: "Backups verified" },
        actor: engineer,
        before: state,
        after: { ...state, note: "before anyone started" },
      }),
    );
    expect(await rows()).toHaveLength(1);
    await expect(
      prisma.$executeRaw`UPDATE "ItemChange" SET "after" = '"rewritten"' WHERE "deploymentId" = ${deploymentId}`,
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(prisma.$executeRaw`DELETE FROM "ItemChange" WHERE "deploymentId" = ${deploymentId}`).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(prisma.itemChange.deleteMany({ where: { deploymentId } })).rejects.toThrow(/append-only/);
    expect(await rows()).toHaveLength(1);

    expect((await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status).toBe("DRAFT");
    await deleteDraft(engineer, { deploymentId }, { db: prisma });
    expect(await prisma.deployment.count({ where: { id: deploymentId } })).toBe(0);
    expect(await rows()).toEqual([]);
  });
});

describe("item history: version moves and audit retention", () => {
  it("a move keeps the history by item key and adds a RESET for a reworded item that held a state", async () => {
    const { engineer, template, deploymentId, leaf, rows } = await setUp();
    const admin = await createTestUser(prisma, "ADMIN");
    const alerts = await leaf("Alerts configured");
    const backups = await leaf("Backups verified");
    const runbook = await leaf("Runbook linked");
    await updateItemState(engineer, { deploymentId, itemId: alerts.id, version: 0, status: "DONE", note: "pager set" });
    await updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, status: "DONE" });
    // Reworded but never touched: nothing to reset, so no RESET.
    await updateItemState(engineer, { deploymentId, itemId: runbook.id, version: 0, assigneeId: engineer.id });

    const latest = await prisma.templateVersion.findFirstOrThrow({ where: { templateId: template.templateId } });
    const structure = (await readVersionStructure(prisma, latest.id))!;
    const reword = (items: StructureItem[]): StructureItem[] =>
      items.map((item) => ({
        ...item,
        text:
          item.text === "Alerts configured"
            ? "Alerts configured and tested"
            : item.text === "Runbook linked"
              ? "Runbook linked from the service page"
              : item.text,
        children: reword(item.children),
      }));
    await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: latest.number,
      structure: { ...structure, sections: structure.sections.map((s) => ({ ...s, items: reword(s.items) })) },
    });
    const before = await rows();
    await moveToLatestVersion(engineer, { deploymentId }, { db: prisma });

    const after = await rows();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      {
        field: "RESET",
        itemKey: alerts.key,
        itemText: "Alerts configured and tested",
        actorId: engineer.id,
        apiTokenId: null,
        before: {
          templateVersion: 1,
          text: "Alerts configured",
          status: "DONE",
          naReason: null,
          note: "pager set",
          evidenceLinks: [],
        },
        after: { templateVersion: 2, text: "Alerts configured and tested" },
      },
    ]);

    // Read by the item's key, the history spans both versions, newest first.
    const history = await readItemHistory(engineer, { deploymentId, itemKey: alerts.key }, { db: prisma });
    expect(history.events.map((e) => e.changes.map((c) => c.field))).toEqual([["RESET"], ["STATUS", "NOTE"]]);
    expect(history.events[1]!.itemText).toBe("Alerts configured");
  });

  it("removing audit events (as retention does) leaves item history and contributions as they were", async () => {
    const url = await createScratchDatabase();
    await migrate(url);
    const client = createPrismaClient(url, { max: 4 });
    disposeAfterFile(() => client.$disconnect());
    const { engineer, deploymentId, leaf, rows } = await setUp(client);
    const backups = await leaf("Backups verified");
    await updateItemState(
      engineer,
      { deploymentId, itemId: backups.id, version: 0, status: "DONE", note: "checked" },
      { db: client },
    );
    const history = await rows();
    expect(history).toHaveLength(2);
    const contributions = () => client.contribution.findMany({ where: { deploymentId }, orderBy: { id: "asc" } });
    const worked = await contributions();
    expect(worked.map((c) => c.kind)).toEqual(expect.arrayContaining(["CREATED", "OWNER", "ITEM_STATUS", "ITEM_NOTE"]));

    // These events are minutes old, and the database lets retention remove only events a day
    // old or more (lib/audit/tail-guard.int.test.ts); what matters here is that nothing hangs
    // off them, so they are removed the way only the tables' owner can.
    await tamperWithAuditEventsAsOwner(url, `DELETE FROM "AuditEvent"`);
    expect(await client.auditEvent.count({ where: { action: "item.update" } })).toBe(0);
    expect(await rows()).toEqual(history);
    // Who worked on it stays too: separation of duties outlives the audit log's window.
    expect(await contributions()).toEqual(worked);
  });
});

describe("item history: API tokens", () => {
  it("a write through a token records the token, its user as the actor", async () => {
    const { deploymentId, leaf, rows } = await setUp();
    const creator = await createTestUser(prisma, "ADMIN");
    const { token, secret } = await createApiToken(creator, { name: uniqueKey("ci"), scopes: ["WRITE"] });
    const backups = await leaf("Backups verified");
    const { PATCH } = await import("@/app/api/v1/deployments/[id]/items/[itemId]/route");
    const response = await PATCH(
      new Request(`http://localhost/api/v1/deployments/${deploymentId}/items/${backups.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ version: 0, status: "DONE", evidenceLinks: ["https://ci.example.com/run/7"] }),
      }),
      { params: Promise.resolve({ id: deploymentId, itemId: backups.id }) },
    );
    expect(response.status).toBe(200);
    expect(await rows()).toEqual([
      expect.objectContaining({ field: "STATUS", actorId: creator.id, apiTokenId: token.id }),
      expect.objectContaining({ field: "EVIDENCE", actorId: creator.id, apiTokenId: token.id }),
    ]);
    const history = await readItemHistory(creator, { deploymentId, itemKey: backups.key });
    expect(history.events).toHaveLength(1);
    expect(describeEvent(history.events[0]!)).toBe(
      `${creator.name} (API token) marked it done; added evidence: https://ci.example.com/run/7`,
    );
  });
});

describe("reading an item's history", () => {
  it("every signed-in role reads it, newest first, with names; nobody signed out; an unknown deployment is 404", async () => {
    const { engineer, deploymentId, leaf } = await setUp();
    const manager = await createTestUser(prisma, "MANAGER");
    const backups = await leaf("Backups verified");
    await updateItemState(engineer, {
      deploymentId,
      itemId: backups.id,
      version: 0,
      status: "NOT_APPLICABLE",
      naReason: "No state kept",
    });
    await updateItemState(manager, { deploymentId, itemId: backups.id, version: 1, assigneeId: engineer.id });

    for (const role of ["VIEWER", "MANAGER", "REVIEWER", "ENGINEER", "ADMIN"] as const) {
      const reader = await createTestUser(prisma, role);
      const history = await readItemHistory(reader, { deploymentId, itemKey: backups.key }, { db: prisma });
      expect(history.truncated).toBe(false);
      expect(history.events.map(describeEvent), role).toEqual([
        `${manager.name} assigned it to ${engineer.name}`,
        `${engineer.name} marked it N/A: No state kept`,
      ]);
      expect(history.events[0]!.actor).toEqual({ id: manager.id, name: manager.name });
    }
    await expect(readItemHistory(null, { deploymentId, itemKey: backups.key })).rejects.toMatchObject({
      status: 401,
    });
    await expect(
      readItemHistory(engineer, { deploymentId: "no-such-deployment", itemKey: "i-x" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(readItemHistory(engineer, { deploymentId, itemKey: "a\u0000b" })).rejects.toMatchObject({
      status: 400,
    });
    expect((await readItemHistory(engineer, { deploymentId, itemKey: "i-not-in-this-checklist" })).events).toEqual([]);
  });
});
