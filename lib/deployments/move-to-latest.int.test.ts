import { describe, expect, it } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { AUDIT_NAMES_LIMIT, capNames, moveToLatestVersion } from "@/lib/deployments/move-to-latest";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { Prisma } from "@/lib/generated/prisma/client";
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
  const { id: deploymentId } = await createDeployment(
    engineer,
    { service: uniqueKey("svc"), environment: "production", version: "1.0.0", templateVersionId: template.versionId },
    { db: prisma },
  );
  const leaves = async () => leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items));
  const leaf = async (text: string) => (await leaves()).find((item) => item.text === text)!;
  /** Publishes the next version as `edit` makes it from the latest one. */
  const publish = async (edit: (latest: TemplateStructure) => TemplateStructure) => {
    const latest = await prisma.templateVersion.findFirstOrThrow({
      where: { templateId: template.templateId },
      orderBy: { number: "desc" },
    });
    const structure = (await readVersionStructure(prisma, latest.id))!;
    return publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: latest.number,
      structure: edit(structure),
    });
  };
  return { engineer, deploymentId, leaves, leaf, publish };
}

function mapItems(items: StructureItem[], edit: (item: StructureItem) => StructureItem | null): StructureItem[] {
  return items.flatMap((item) => {
    const edited = edit(item);
    return edited ? [{ ...edited, children: mapItems(edited.children, edit) }] : [];
  });
}

function find(structure: TemplateStructure, text: string): StructureItem {
  const all = (items: StructureItem[]): StructureItem[] => items.flatMap((i) => [i, ...all(i.children)]);
  return all(structure.sections.flatMap((s) => s.items)).find((i) => i.text === text)!;
}

describe("moving a deployment to the latest template version", () => {
  it("keeps an unchanged item's state, resets a reworded one and keeps its old state beside it, outside the digest", async () => {
    const { engineer, deploymentId, leaf, leaves, publish } = await setUp();
    const backups = await leaf("Backups verified");
    await updateItemState(engineer, { deploymentId, itemId: backups.id, version: 0, status: "DONE", note: "checked" });
    const alerts = await leaf("Alerts configured");
    await updateItemState(engineer, {
      deploymentId,
      itemId: alerts.id,
      version: 0,
      status: "DONE",
      note: "pager rota set",
      evidenceLinks: ["https://ci.example.com/alerts/1"],
      assigneeId: engineer.id,
    });
    await publish((v1) => ({
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
    }));

    const moved = await moveToLatestVersion(engineer, { deploymentId });
    expect(moved).toEqual({
      fromVersion: 1,
      toVersion: 2,
      kept: ["Database password", "API keys", "Backups verified", "Smoke test passed"],
      reset: ["Alerts configured and tested"],
      added: ["Dashboards exist"],
      removed: ["Runbook linked"],
    });

    expect((await leaf("Backups verified")).state).toMatchObject({
      status: "DONE",
      note: "checked",
      previousState: null,
    });
    const reworded = (await leaf("Alerts configured and tested")).state!;
    expect(reworded).toMatchObject({
      status: "OPEN",
      naReason: null,
      note: null,
      evidenceLinks: [],
      // The assignee is who does it, not what it says: it stays.
      assignee: { id: engineer.id },
      updatedBy: { id: engineer.id },
      previousState: {
        templateVersion: 1,
        text: "Alerts configured",
        status: "DONE",
        naReason: null,
        note: "pager rota set",
        evidenceLinks: ["https://ci.example.com/alerts/1"],
      },
    });

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: deploymentId, action: "deployment.move-version" },
    });
    expect(audit.before).toEqual({ version: 1 });
    expect(audit.after).toEqual({
      version: 2,
      kept: moved.kept,
      reset: moved.reset,
      added: moved.added,
      removed: moved.removed,
    });

    // The previous state is history, not part of what a reviewer approves: without it the
    // digest is the same.
    const digest = (await getChecklist(deploymentId))!.digest;
    await prisma.itemState.updateMany({ where: { deploymentId }, data: { previousState: Prisma.DbNull } });
    expect((await getChecklist(deploymentId))!.digest).toBe(digest);
    expect((await leaves()).every((l) => l.state!.previousState === null)).toBe(true);
  });

  it("resets an item moved to another section or under another parent, not one whose parent was reworded; an untouched one keeps no previous state", async () => {
    const { engineer, deploymentId, leaf, publish } = await setUp();
    for (const text of ["Database password", "API keys", "Backups verified", "Runbook linked"]) {
      const item = await leaf(text);
      await updateItemState(engineer, { deploymentId, itemId: item.id, version: 0, status: "DONE", note: text });
    }
    await publish((v1) => {
      const secrets = find(v1, "**Secrets** rotated");
      const backups = find(v1, "Backups verified");
      const runbook = find(v1, "Runbook linked");
      return {
        ...v1,
        sections: v1.sections.map((section) =>
          section.priority === "CRITICAL"
            ? // Backups verified moves under the (reworded) parent; Runbook linked moves here.
              {
                ...section,
                items: [
                  { ...secrets, text: "**Secrets** rotated this quarter", children: [...secrets.children, backups] },
                  runbook,
                ],
              }
            : {
                ...section,
                // Alerts configured, never touched, is reworded too.
                items: section.items
                  .filter((item) => item !== runbook)
                  .map((item) =>
                    item.text === "Alerts configured" ? { ...item, text: "Alerts configured, paging" } : item,
                  ),
              },
        ),
      };
    });

    const moved = await moveToLatestVersion(engineer, { deploymentId });
    expect(moved.kept).toEqual(["Database password", "API keys", "Smoke test passed"]);
    expect(moved.reset).toEqual(["Backups verified", "Runbook linked", "Alerts configured, paging"]);
    expect(moved).toMatchObject({ added: [], removed: [] });
    for (const text of ["Backups verified", "Runbook linked"]) {
      expect((await leaf(text)).state).toMatchObject({
        status: "OPEN",
        note: null,
        previousState: { templateVersion: 1, text, status: "DONE", note: text },
      });
    }
    expect((await leaf("API keys")).state).toMatchObject({ status: "DONE", note: "API keys", previousState: null });
    // It held nothing, so there is nothing to show beside it.
    expect((await leaf("Alerts configured, paging")).state).toMatchObject({ status: "OPEN", previousState: null });
  });

  it("keeps the previous state through later item changes and an unchanged move", async () => {
    const { engineer, deploymentId, leaf, publish } = await setUp();
    const alerts = await leaf("Alerts configured");
    await updateItemState(engineer, {
      deploymentId,
      itemId: alerts.id,
      version: 0,
      status: "NOT_APPLICABLE",
      naReason: "no pager",
    });
    await publish((v1) => ({
      ...v1,
      sections: v1.sections.map((section) => ({
        ...section,
        items: mapItems(section.items, (item) =>
          item.text === "Alerts configured" ? { ...item, text: "Alerts routed to the pager" } : item,
        ),
      })),
    }));
    await moveToLatestVersion(engineer, { deploymentId });
    const reset = await leaf("Alerts routed to the pager");
    const previousState = {
      templateVersion: 1,
      text: "Alerts configured",
      status: "NOT_APPLICABLE",
      naReason: "no pager",
      note: null,
      evidenceLinks: [],
    };
    expect(reset.state!.previousState).toEqual(previousState);
    const updated = await updateItemState(engineer, {
      deploymentId,
      itemId: reset.id,
      version: reset.state!.version,
      status: "DONE",
      note: "routed",
    });
    expect(updated.previousState).toEqual(previousState);

    // Version 3 leaves the item as it is: its state and its history come along.
    await publish((v2) => ({ ...v2, title: `${v2.title} (v3)` }));
    const moved = await moveToLatestVersion(engineer, { deploymentId });
    expect(moved).toMatchObject({ fromVersion: 2, toVersion: 3, reset: [], added: [], removed: [] });
    expect((await leaf("Alerts routed to the pager")).state).toMatchObject({
      status: "DONE",
      note: "routed",
      previousState,
    });
  });

  it("caps the names an audit event keeps", () => {
    const names = Array.from({ length: AUDIT_NAMES_LIMIT + 7 }, (_, i) => `item ${i}`);
    expect(capNames(names)).toHaveLength(AUDIT_NAMES_LIMIT + 1);
    expect(capNames(names).at(-1)).toBe("…and 7 more");
    expect(capNames(["a", "b"])).toEqual(["a", "b"]);
  });
});
