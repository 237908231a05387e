// A reviewer approves or rejects a pending waiver. The approver must not have worked on the
// deployment (separation of duties, as for the sign-off) nor asked for the waiver; a CRITICAL
// item's waiver needs two distinct approvers. Approving a waiver is not work on the
// deployment. Once approved it settles the item, so standing approvals of the checklist no
// longer describe it: they are withdrawn, as after any item change.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { approvalConflict, requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { plainText } from "@/lib/checklists/plain-text";
import { contributionsOf } from "@/lib/signoff/contributions";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { decideWaiverSchema } from "@/lib/waivers/schemas";
import { lockWaiver } from "@/lib/waivers/lock-waiver";

export async function decideWaiver(
  actor: Actor | null,
  input: z.input<typeof decideWaiverSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<{ status: "PENDING" | "APPROVED" | "REJECTED"; approvals: number; required: number }> {
  requirePermission(actor, "deployment:review");
  const data = parseInput(decideWaiverSchema, input);
  const now = options?.now ?? new Date();
  return dbOf(options).$transaction(async (tx) => {
    const waiver = await lockWaiver(tx, data.waiverId);
    const deployment = await lockDeployment(tx, waiver.deploymentId);
    if (waiver.status !== "PENDING")
      throw new AppError(
        "CONFLICT",
        `This waiver is ${waiver.status.toLowerCase()} already; there is nothing to decide.`,
      );
    const approvals = await tx.waiverApproval.findMany({
      where: { waiverId: waiver.id },
      select: { reviewerId: true },
    });

    if (data.decision === "reject") {
      await tx.waiver.update({
        where: { id: waiver.id },
        data: { status: "REJECTED", decidedById: actor.id, decidedAt: now, decisionNote: data.comment },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "waiver.reject",
        entityType: "Waiver",
        entityId: waiver.id,
        before: { status: "PENDING" },
        after: { status: "REJECTED", deploymentId: waiver.deploymentId, comment: data.comment },
      });
      return { status: "REJECTED", approvals: approvals.length, required: waiver.requiredApprovals };
    }

    if (waiver.requestedById === actor.id)
      throw new AppError("FORBIDDEN", "You asked for this waiver; another reviewer must approve it.", {
        code: "SEPARATION_OF_DUTIES",
      });
    const mine = await contributionsOf(tx, waiver.deploymentId, actor.id);
    const conflict = approvalConflict(
      { ...mine, owner: mine.owner || deployment.ownerId === actor.id },
      "waivers of this deployment",
    );
    if (conflict) throw new AppError("FORBIDDEN", conflict, { code: "SEPARATION_OF_DUTIES" });
    if (approvals.some((a) => a.reviewerId === actor.id))
      throw new AppError("CONFLICT", "You have approved this waiver already; a second reviewer must add theirs.");
    if (waiver.expiresAt <= now) throw new AppError("CONFLICT", "This waiver's expiry has passed; ask for a new one.");

    await tx.waiverApproval.create({
      data: { waiverId: waiver.id, reviewerId: actor.id, comment: data.comment, createdAt: now },
    });
    const count = approvals.length + 1;
    const approved = count >= waiver.requiredApprovals;
    if (approved) {
      await tx.waiver.update({
        where: { id: waiver.id },
        data: { status: "APPROVED", decidedById: actor.id, decidedAt: now },
      });
      const state = await tx.itemState.findFirst({
        where: { deploymentId: waiver.deploymentId, status: "OPEN", item: { key: waiver.itemKey } },
        select: { id: true },
      });
      // The item is settled now: what a standing approval saw is not what is.
      if (state)
        await afterChecklistChange(tx, deployment, {
          actorId: actor.id,
          description: `“${plainText(waiver.itemText)}” waived until ${waiver.expiresAt.toISOString().slice(0, 10)}`,
        });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "waiver.approve",
      entityType: "Waiver",
      entityId: waiver.id,
      before: { status: "PENDING", approvals: approvals.length },
      after: {
        status: approved ? "APPROVED" : "PENDING",
        approvals: count,
        required: waiver.requiredApprovals,
        deploymentId: waiver.deploymentId,
        comment: data.comment,
      },
    });
    return { status: approved ? "APPROVED" : "PENDING", approvals: count, required: waiver.requiredApprovals };
  });
}
