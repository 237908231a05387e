// Ticks, marks not applicable, reopens, annotates or assigns one checklist item, with
// optimistic concurrency: the write names the version it read, and a stale one is
// refused with 409 and the current state (never a silent overwrite). A change to what
// was approved (a pre-deployment item) invalidates the sign-off in the same transaction; a
// post-deployment verification item is outside the approval, so ticking it, also after the
// go-live, never invalidates a sign-off nor moves the status (except a draft's first change).
// Each field that changed is recorded in the item's history (ItemChange) in the same
// transaction; a write that changes nothing writes nothing at all.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField, invalidInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordItemChanges } from "@/lib/deployments/item-history";
import { itemStateViewSelect, toItemStateView, type ItemStateView } from "@/lib/deployments/item-state-view";
import { updateItemStateSchema, type UpdateItemStateInput } from "@/lib/deployments/schemas";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { itemEditable, nextStatus, statusWords } from "@/lib/deployments/lifecycle";
import { plainText } from "@/lib/checklists/plain-text";

/** What an approval covers; an assignee change alone leaves a sign-off standing. */
const contentFields = ["status", "naReason", "note", "evidenceLinks"] as const;

export async function updateItemState(
  actor: Actor | null,
  input: z.input<typeof updateItemStateSchema>,
  options?: DomainOptions,
): Promise<ItemStateView> {
  // Who may neither change nor assign items is refused before their input is read.
  if (!can(actor, "item:update")) requirePermission(actor, "item:assign");
  const data = parseInput(updateItemStateSchema, input);
  // Assigning alone is a manager's job too; changing what the item says needs item:update.
  const changesContent = contentFields.some((field) => data[field] !== undefined);
  requirePermission(actor, changesContent || data.assigneeId === undefined ? "item:update" : "item:assign");
  if (data.assigneeId !== undefined) requirePermission(actor, "item:assign");

  return dbOf(options).$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, data.deploymentId);
    // Where not even verification may change (cancelled), nothing does.
    if (!itemEditable(deployment.status, "POST_DEPLOYMENT")) {
      throw new AppError(
        "CONFLICT",
        `This deployment is ${statusWords(deployment.status)}; its checklist can no longer change.`,
        { code: "TRANSITION_NOT_ALLOWED" },
      );
    }
    const current = await tx.itemState.findUnique({
      where: { deploymentId_itemId: { deploymentId: data.deploymentId, itemId: data.itemId } },
      select: {
        ...itemStateViewSelect,
        id: true,
        item: { select: { key: true, text: true, section: { select: { kind: true } } } },
      },
    });
    if (!current) throw new AppError("NOT_FOUND", "That checklist item does not exist in this deployment.");
    const kind = current.item.section.kind === "POST_DEPLOYMENT" ? "POST_DEPLOYMENT" : "PRE_DEPLOYMENT";
    if (!itemEditable(deployment.status, kind)) {
      throw new AppError(
        "CONFLICT",
        `This deployment was ${statusWords(deployment.status)}; its pre-deployment items can no longer change, only the post-deployment verification.`,
        { code: "TRANSITION_NOT_ALLOWED" },
      );
    }
    if (data.assigneeId) {
      // The people the checklist page offers: a viewer cannot work on a checklist, so an item
      // handed to one would sit undone (the same rule as a deployment's owner).
      const assignee = await tx.user.findUnique({
        where: { id: data.assigneeId },
        select: { active: true, role: true },
      });
      if (!assignee?.active || assignee.role === "VIEWER")
        throw invalidField("assigneeId", "The assignee must be an active user who can work on deployments.");
    }

    const changes = changesOf(data, current);
    const { id: stateId, item, ...currentView } = current;
    const before = snapshot(currentView);
    const changed = (Object.keys(changes) as (keyof typeof before)[]).filter(
      (field) => JSON.stringify(changes[field]) !== JSON.stringify(before[field]),
    );
    if (!changed.length) {
      // Nothing to change: no new version, no history, no audit event, no status move; a
      // stale version is still told so, as a change would be.
      if (current.version !== data.version) throw staleItem(toItemStateView(currentView));
      return toItemStateView(currentView);
    }
    const { count } = await tx.itemState.updateMany({
      where: { id: stateId, version: data.version },
      data: { ...changes, updatedById: actor.id, updatedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      // Read again: the row we read first may predate the write that beat us.
      const latest = await tx.itemState.findUnique({ where: { id: stateId }, select: itemStateViewSelect });
      if (!latest)
        throw new AppError("CONFLICT", "This checklist moved to a newer template version meanwhile; reload it.");
      throw staleItem(toItemStateView(latest));
    }
    const changedContent = contentFields.filter((field) => changed.includes(field));
    if (kind === "POST_DEPLOYMENT") {
      // Verification is not what was approved: a draft still starts, nothing else moves.
      if (deployment.status === "DRAFT")
        await tx.deployment.update({
          where: { id: deployment.id },
          data: { status: nextStatus("change", deployment.status)! },
        });
    } else if (changedContent.length || deployment.status === "DRAFT") {
      await afterChecklistChange(tx, deployment, {
        actorId: actor.id,
        // A sentence stored and sent (banner, record, gate, webhook): the item's Markdown as text.
        description: `“${plainText(current.item.text)}” changed (${changedContent.join(", ") || "assignee"})`,
      });
    }
    const updated = await tx.itemState.findUniqueOrThrow({ where: { id: stateId }, select: itemStateViewSelect });
    await recordItemChanges(tx, {
      deploymentId: data.deploymentId,
      item: { key: item.key, text: item.text },
      actor,
      before: currentView,
      after: updated,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "item.update",
      entityType: "ItemState",
      entityId: stateId,
      before: snapshot(current),
      after: { ...snapshot(updated), deploymentId: data.deploymentId },
    });
    return toItemStateView(updated);
  });
}

function staleItem(current: ItemStateView): AppError {
  return new AppError("CONFLICT", "Someone else changed this item since you loaded it; showing their version.", {
    current,
  });
}

function changesOf(input: UpdateItemStateInput, current: { status: string }): Prisma.ItemStateUncheckedUpdateManyInput {
  const changes: Prisma.ItemStateUncheckedUpdateManyInput = {};
  if (input.status !== undefined) {
    changes.status = input.status;
    changes.naReason = input.status === "NOT_APPLICABLE" ? input.naReason! : null;
  } else if (input.naReason !== undefined && current.status === "NOT_APPLICABLE") {
    if (!input.naReason) throw invalidInput({ naReason: "Say why this item does not apply." });
    changes.naReason = input.naReason;
  }
  if (input.note !== undefined) changes.note = input.note || null;
  if (input.evidenceLinks !== undefined) changes.evidenceLinks = [...new Set(input.evidenceLinks)];
  if (input.assigneeId !== undefined) changes.assigneeId = input.assigneeId;
  return changes;
}

function snapshot(state: {
  status: string;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
  assignee: { id: string } | null;
  version: number;
}) {
  return {
    status: state.status,
    naReason: state.naReason,
    note: state.note,
    evidenceLinks: state.evidenceLinks,
    assigneeId: state.assignee?.id ?? null,
    version: state.version,
  };
}
