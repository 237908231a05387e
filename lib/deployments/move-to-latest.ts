// Moves a deployment to its template's newest version. An item keeps its state (status,
// reason, note, evidence) only when it is unchanged: same text, same section, same parent.
// A reworded or moved item starts again from OPEN, with what it held under the old version
// kept read-only beside it (ItemState.previousState, outside the approval digest) when it
// held anything (a status, a note, evidence), and a RESET in the item's history (which, kept
// by item key, carries over). The result names what was kept, reset, added and removed, so
// the team sees what changed.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { recordItemResets, type ItemReset } from "@/lib/deployments/item-history";
import { isFinal } from "@/lib/deployments/lifecycle";
import type { PreviousItemState } from "@/lib/deployments/item-state-view";
import { moveToLatestSchema } from "@/lib/deployments/schemas";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";

/** Item names (their text) in each list. */
export type MoveResult = {
  fromVersion: number;
  toVersion: number;
  /** Unchanged: their state came along. */
  kept: string[];
  /** Reworded or moved to another section or parent: back to OPEN, the old state shown beside. */
  reset: string[];
  added: string[];
  removed: string[];
};

/** Names per list in the audit event; a template of thousands of items stays a readable event. */
export const AUDIT_NAMES_LIMIT = 500;

type Placement = { id: string; key: string; text: string; section: { key: string }; parent: { key: string } | null };

const placementSelect = {
  id: true,
  key: true,
  text: true,
  section: { select: { key: true } },
  parent: { select: { key: true } },
} as const;

function isUnchanged(before: Placement, after: Placement): boolean {
  return (
    before.text === after.text && before.section.key === after.section.key && before.parent?.key === after.parent?.key
  );
}

export async function moveToLatestVersion(
  actor: Actor | null,
  input: z.input<typeof moveToLatestSchema>,
  options?: DomainOptions,
): Promise<MoveResult> {
  requirePermission(actor, "deployment:edit");
  const { deploymentId } = parseInput(moveToLatestSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    // Item writes, reviews and another move wait for this one.
    const locked = await lockDeployment(tx, deploymentId);
    const deployment = await tx.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: { status: true, templateVersion: { select: { id: true, number: true, templateId: true } } },
    });
    if (isFinal(deployment.status)) {
      throw new AppError("CONFLICT", "A deployed or cancelled deployment stays on the version it was run with.");
    }
    const latest = await tx.templateVersion.findFirstOrThrow({
      where: { templateId: deployment.templateVersion.templateId },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    if (latest.id === deployment.templateVersion.id)
      throw new AppError("CONFLICT", `This deployment already uses the latest version (v${latest.number}).`);
    const fromVersion = deployment.templateVersion.number;

    const oldStates = await tx.itemState.findMany({
      where: { deploymentId },
      select: {
        status: true,
        naReason: true,
        note: true,
        evidenceLinks: true,
        assigneeId: true,
        updatedById: true,
        updatedAt: true,
        version: true,
        previousState: true,
        item: { select: placementSelect },
      },
    });
    const newLeaves = await tx.item.findMany({
      where: {
        templateVersionId: latest.id,
        isLeaf: true,
        section: { kind: { in: ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] } },
      },
      select: placementSelect,
    });
    // The lists read in checklist order, as the team sees the items.
    const newOrder = await checklistOrder(tx, latest.id);
    const oldOrder = await checklistOrder(tx, deployment.templateVersion.id);
    newLeaves.sort((a, b) => newOrder.get(a.id)! - newOrder.get(b.id)!);
    oldStates.sort((a, b) => oldOrder.get(a.item.id)! - oldOrder.get(b.item.id)!);
    const byKey = new Map(oldStates.map((s) => [s.item.key, s]));
    const newKeys = new Set(newLeaves.map((leaf) => leaf.key));
    const result: MoveResult = { fromVersion, toVersion: latest.number, kept: [], reset: [], added: [], removed: [] };
    const now = new Date();
    const resets: ItemReset[] = [];

    const data = newLeaves.map((leaf): Prisma.ItemStateCreateManyInput => {
      const old = byKey.get(leaf.key);
      if (!old) {
        result.added.push(leaf.text);
        return { deploymentId, itemId: leaf.id };
      }
      const carried = {
        deploymentId,
        itemId: leaf.id,
        // Who an item is assigned to is not what it says: the assignee stays either way.
        assigneeId: old.assigneeId,
        version: old.version + 1,
      };
      if (isUnchanged(old.item, leaf)) {
        result.kept.push(leaf.text);
        return {
          ...carried,
          status: old.status,
          naReason: old.naReason,
          note: old.note,
          evidenceLinks: old.evidenceLinks,
          updatedById: old.updatedById,
          updatedAt: old.updatedAt,
          // An earlier reset's history stays with the item, as it does through item updates.
          previousState: old.previousState ?? undefined,
        };
      }
      result.reset.push(leaf.text);
      // An item nobody had touched loses nothing: it keeps whatever history it had.
      const held = old.status !== "OPEN" || old.note !== null || old.evidenceLinks.length > 0;
      const previousState: PreviousItemState | undefined = held
        ? {
            templateVersion: fromVersion,
            text: old.item.text,
            status: old.status,
            naReason: old.naReason,
            note: old.note,
            evidenceLinks: old.evidenceLinks,
          }
        : undefined;
      if (previousState)
        resets.push({ item: { key: leaf.key, text: leaf.text }, before: previousState, toVersion: latest.number });
      return {
        ...carried,
        updatedById: actor.id,
        updatedAt: now,
        previousState: previousState ?? old.previousState ?? undefined,
      };
    });
    result.removed = oldStates.filter((s) => !newKeys.has(s.item.key)).map((s) => s.item.text);

    await tx.itemState.deleteMany({ where: { deploymentId } });
    await tx.itemState.createMany({ data });
    await tx.deployment.update({ where: { id: deploymentId }, data: { templateVersionId: latest.id } });
    await recordItemResets(tx, { deploymentId, actor, resets });

    await afterChecklistChange(tx, locked, {
      actorId: actor.id,
      description: `moved from template version ${result.fromVersion} to ${result.toVersion}`,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deployment.move-version",
      entityType: "Deployment",
      entityId: deploymentId,
      before: { version: result.fromVersion },
      after: {
        version: result.toVersion,
        kept: capNames(result.kept),
        reset: capNames(result.reset),
        added: capNames(result.added),
        removed: capNames(result.removed),
      },
    });
    return result;
  });
}

/** Each item's index in a pre-order walk of the version's trees (sections in order). */
async function checklistOrder(tx: Prisma.TransactionClient, templateVersionId: string): Promise<Map<string, number>> {
  const items = await tx.item.findMany({
    where: { templateVersionId },
    orderBy: [{ section: { position: "asc" } }, { position: "asc" }],
    select: { id: true, parentId: true },
  });
  const children = new Map<string | null, string[]>();
  for (const item of items) {
    const siblings = children.get(item.parentId);
    if (siblings) siblings.push(item.id);
    else children.set(item.parentId, [item.id]);
  }
  const order = new Map<string, number>();
  const visit = (id: string) => {
    order.set(id, order.size);
    for (const child of children.get(id) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  return order;
}

/** At most AUDIT_NAMES_LIMIT names, then "…and N more". */
export function capNames(names: string[]): string[] {
  if (names.length <= AUDIT_NAMES_LIMIT) return names;
  return [...names.slice(0, AUDIT_NAMES_LIMIT), `…and ${names.length - AUDIT_NAMES_LIMIT} more`];
}
