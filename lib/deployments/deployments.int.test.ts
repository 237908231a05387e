import { describe, expect, it } from "vitest";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { leavesOf } from "@/lib/checklists/tree";
import { moveToLatestVersion } from "@/lib/deployments/move-to-latest";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { AppError } from "@/lib/errors";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { readVersionStructure } from "@/lib/templates/store-version";
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

async function setUp() {
  const engineer = await createTestUser(prisma, "ENGINEER");
  const admin = await createTestUser(prisma, "ADMIN");
  const template = await importSmallTemplate(prisma);
  // The test's own client, as the CLI and jobs pass theirs; actions use the app's.
  const { id } = await createDeployment(
    engineer,
    { service: uniqueKey("svc"), environment: "production", version: "1.0.0", templateVersionId: template.versionId },
    { db: prisma },
  );
  const checklist = (await getChecklist(id))!;
  const leaf = (text: string) =>
    leavesOf(checklist.sections.flatMap((s) => s.items)).find((item) => item.text === text)!;
  return { engineer, admin, template, deploymentId: id, checklist, leaf };
}

function mapItems(items: StructureItem[], edit: (item: StructureItem) => StructureItem | null): StructureItem[] {
  return items.flatMap((item) => {
    const edited = edit(item);
    return edited ? [{ ...edited, children: mapItems(edited.children, edit) }] : [];
  });
}

describe("deployments", () => {
  it("start with one OPEN state per checklist leaf (pre- and post-deployment only) and a No-go gate", async () => {
    const { checklist } = await setUp();
    const leaves = leavesOf(checklist.sections.flatMap((s) => s.items));
    expect(leaves.map((l) => l.text)).toEqual([
      "Database password",
      "API keys",
      "Backups verified",
      "Alerts configured",
      "Runbook linked",
      "Smoke test passed",
    ]);
    expect(leaves.every((l) => l.state?.status === "OPEN" && l.state.version === 0)).toBe(true);
    expect(checklist.deployment.status).toBe("DRAFT");
    expect(checklist.readiness).toMatchObject({ ready: false, verdict: "NO_GO" });
  });

  it("record each change with a version bump and an audit event in the same transaction", async () => {
    const { engineer, deploymentId, leaf } = await setUp();
    const item = leaf("Backups verified");
    const updated = await updateItemState(engineer, {
      deploymentId,
      itemId: item.id,
      version: 0,
      status: "DONE",
      note: "Restored last night's backup",
    });
    expect(updated).toMatchObject({
      status: "DONE",
      version: 1,
      note: "Restored last night's backup",
      updatedBy: { id: engineer.id },
    });

    const events = await prisma.auditEvent.findMany({ where: { action: "item.update", actorId: engineer.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toMatchObject({ status: "OPEN", version: 0 });
    expect(events[0]!.after).toMatchObject({
      status: "DONE",
      version: 1,
      note: "Restored last night's backup",
      deploymentId,
    });
    expect((await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status).toBe("IN_PROGRESS");
  });

  it("refuse a write with a stale version (409) with the current state, and change nothing", async () => {
    const { engineer, admin, deploymentId, leaf } = await setUp();
    const item = leaf("API keys");
    await updateItemState(engineer, { deploymentId, itemId: item.id, version: 0, status: "DONE" });
    const stale = updateItemState(admin, {
      deploymentId,
      itemId: item.id,
      version: 0,
      status: "NOT_APPLICABLE",
      naReason: "We have no API keys",
    });
    await expect(stale).rejects.toMatchObject({
      status: 409,
      details: { current: { status: "DONE", version: 1, updatedBy: { id: engineer.id } } },
    });
    const row = await prisma.itemState.findUniqueOrThrow({
      where: { deploymentId_itemId: { deploymentId, itemId: item.id } },
    });
    expect(row).toMatchObject({ status: "DONE", version: 1, naReason: null });
    expect(await prisma.auditEvent.count({ where: { entityId: row.id } })).toBe(1);
  });

  it("let exactly one of two concurrent writes of the same version win", async () => {
    const { engineer, admin, deploymentId, leaf } = await setUp();
    const item = leaf("Alerts configured");
    const results = await Promise.allSettled([
      updateItemState(engineer, { deploymentId, itemId: item.id, version: 0, status: "DONE" }),
      updateItemState(admin, {
        deploymentId,
        itemId: item.id,
        version: 0,
        status: "NOT_APPLICABLE",
        naReason: "No alerts here",
      }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect(rejected.reason.status).toBe(409);
    const row = await prisma.itemState.findUniqueOrThrow({
      where: { deploymentId_itemId: { deploymentId, itemId: item.id } },
    });
    expect(row.version).toBe(1);
  });

  it("turn the gate to Go once every critical leaf is done or not applicable, and aggregate the same in SQL", async () => {
    const { engineer, deploymentId, leaf } = await setUp();
    await updateItemState(engineer, { deploymentId, itemId: leaf("Database password").id, version: 0, status: "DONE" });
    await updateItemState(engineer, {
      deploymentId,
      itemId: leaf("API keys").id,
      version: 0,
      status: "NOT_APPLICABLE",
      naReason: "No external APIs",
    });
    expect((await getChecklist(deploymentId))!.readiness.verdict).toBe("NO_GO");
    await updateItemState(engineer, { deploymentId, itemId: leaf("Backups verified").id, version: 0, status: "DONE" });
    const loaded = (await getChecklist(deploymentId))!.readiness;
    expect(loaded).toMatchObject({ ready: true, verdict: "GO_WITH_RISKS" });
    expect((await readinessByDeployment([deploymentId])).get(deploymentId)).toEqual(loaded);
  });

  it("refuse roles without the permission", async () => {
    const { deploymentId, leaf, template } = await setUp();
    const viewer = await createTestUser(prisma, "VIEWER");
    await expect(
      updateItemState(viewer, { deploymentId, itemId: leaf("API keys").id, version: 0, status: "DONE" }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createDeployment(viewer, { service: "x", environment: "y", version: "1", templateVersionId: template.versionId }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateItemState(null, { deploymentId, itemId: leaf("API keys").id, version: 0, status: "DONE" }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("let a manager assign an item but not tick it", async () => {
    const { deploymentId, leaf, engineer } = await setUp();
    const manager = await createTestUser(prisma, "MANAGER");
    const item = leaf("API keys");
    await expect(
      updateItemState(manager, { deploymentId, itemId: item.id, version: 0, status: "DONE" }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateItemState(manager, { deploymentId, itemId: item.id, version: 0, status: "DONE", assigneeId: engineer.id }),
    ).rejects.toMatchObject({ status: 403 });
    const assigned = await updateItemState(manager, {
      deploymentId,
      itemId: item.id,
      version: 0,
      assigneeId: engineer.id,
    });
    expect(assigned).toMatchObject({ status: "OPEN", version: 1, assignee: { id: engineer.id } });
  });
});

describe("template versions", () => {
  it("leave existing deployments on their version; moving to the latest keeps unchanged items' states and lists the rest", async () => {
    const { engineer, admin, template, deploymentId, leaf } = await setUp();
    await updateItemState(engineer, {
      deploymentId,
      itemId: leaf("Backups verified").id,
      version: 0,
      status: "DONE",
      note: "checked",
    });
    await updateItemState(engineer, { deploymentId, itemId: leaf("Runbook linked").id, version: 0, status: "DONE" });

    const v1 = (await readVersionStructure(prisma, template.versionId))!;
    const v2: TemplateStructure = {
      ...v1,
      sections: v1.sections.map((section) => ({
        ...section,
        items: mapItems(section.items, (item) =>
          item.text === "Runbook linked"
            ? null
            : item.text === "Alerts configured"
              ? { ...item, text: "Alerts configured and tested" }
              : item,
        ).concat(section.priority === "HIGH" ? [{ key: "i-new0000001", text: "Dashboards exist", children: [] }] : []),
      })),
    };
    const published = await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: 1,
      structure: v2,
      changeNote: "tighten HIGH",
    });
    expect(published.number).toBe(2);

    // Version 1 and the deployment pinned to it are untouched.
    expect(await readVersionStructure(prisma, template.versionId)).toEqual(v1);
    const before = (await getChecklist(deploymentId))!;
    expect(before.template).toMatchObject({ versionNumber: 1, latestVersionNumber: 2 });
    expect(leavesOf(before.sections.flatMap((s) => s.items)).map((l) => l.text)).toContain("Runbook linked");

    const moved = await moveToLatestVersion(engineer, { deploymentId });
    // The reworded item kept its key but not its text: it starts again (move-to-latest.int.test.ts).
    expect(moved).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      kept: ["Database password", "API keys", "Backups verified", "Smoke test passed"],
      reset: ["Alerts configured and tested"],
      added: ["Dashboards exist"],
      removed: ["Runbook linked"],
    });

    const after = (await getChecklist(deploymentId))!;
    const leaves = leavesOf(after.sections.flatMap((s) => s.items));
    expect(after.template.versionNumber).toBe(2);
    expect(leaves.find((l) => l.text === "Backups verified")!.state).toMatchObject({ status: "DONE", note: "checked" });
    expect(leaves.find((l) => l.text === "Dashboards exist")!.state).toMatchObject({ status: "OPEN" });
    expect(
      await prisma.auditEvent.count({ where: { entityId: deploymentId, action: "deployment.move-version" } }),
    ).toBe(1);
    await expect(moveToLatestVersion(engineer, { deploymentId })).rejects.toMatchObject({ status: 409 });
  });

  it("refuse to publish from a stale base version or with nothing changed", async () => {
    const { admin, template } = await setUp();
    const v1 = (await readVersionStructure(prisma, template.versionId))!;
    await expect(
      publishTemplateVersion(admin, { templateId: template.templateId, baseVersion: 1, structure: v1 }),
    ).rejects.toThrow("Nothing changed");
    await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: 1,
      structure: { ...v1, title: `${v1.title} (renamed)` },
    });
    await expect(
      publishTemplateVersion(admin, {
        templateId: template.templateId,
        baseVersion: 1,
        structure: { ...v1, title: "Another" },
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await prisma.templateVersion.count({ where: { templateId: template.templateId } })).toBe(2);
    expect(
      await prisma.auditEvent.count({ where: { entityId: template.templateId, action: "template.publish" } }),
    ).toBe(1);
  });
});
