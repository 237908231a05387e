// A reviewer approves or rejects a deployment in review. Separation of duties: nobody who
// worked on a deployment approves it (lib/auth/policy.ts, approvalConflict); a template may
// require several distinct approvals.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { approvalConflict, requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { nextStatus } from "@/lib/deployments/lifecycle";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { AppError, invalidInput } from "@/lib/errors";
import { signApproval } from "@/lib/attestations/sign-approval";
import { CURRENT_DIGEST_VERSION, checklistDigest } from "@/lib/signoff/digest";
import {
  activeApprovals,
  currentDigest,
  digestStates,
  lockDeployment,
  withdrawApprovals,
} from "@/lib/signoff/locked-deployment";
import { groupsOfUser, requiredGroups, unmetGroups } from "@/lib/signoff/approver-groups";
import { contributionsOf } from "@/lib/signoff/contributions";
import { reviewDayProblem } from "@/lib/signoff/review-dates";
import { approveSchema, rejectSchema } from "@/lib/signoff/schemas";
import { deploymentFacts, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

const DAY = 86_400_000;

export async function approveDeployment(
  actor: Actor | null,
  input: z.input<typeof approveSchema>,
  options?: DomainOptions,
): Promise<{ signedOff: boolean; approvals: number; required: number; missingGroups: string[] }> {
  requirePermission(actor, "deployment:review");
  const data = parseInput(approveSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, data.deploymentId);
    // Separation of duties, from the contribution record, under the lock: a contribution
    // written after this read waits for the lock, and then finds the approval.
    const mine = await contributionsOf(tx, data.deploymentId, actor.id);
    // The owner counts as a contributor even where the record predates them (a row written by SQL).
    const conflict = approvalConflict({ ...mine, owner: mine.owner || deployment.ownerId === actor.id });
    if (conflict) throw new AppError("FORBIDDEN", conflict, { code: "SEPARATION_OF_DUTIES" });
    if (deployment.status === "SIGNED_OFF")
      throw new AppError("CONFLICT", "This deployment is already signed off.", { code: "TRANSITION_NOT_ALLOWED" });
    const signedOffStatus = nextStatus("signOff", deployment.status)!;
    // Decided under the lock: the checklist the reviewer saw must be the one that exists
    // (its pre-deployment items: the digest of today's algorithm leaves verification out).
    const states = await digestStates(tx, data.deploymentId);
    if (checklistDigest(states, CURRENT_DIGEST_VERSION) !== data.digest) {
      throw new AppError(
        "CONFLICT",
        "The checklist changed while you were reviewing it; look at it again before approving.",
      );
    }
    const readiness = (await readinessByDeployment([data.deploymentId], tx)).get(data.deploymentId)!;
    if (!readiness.ready)
      throw new AppError("CONFLICT", "Critical items are open; this deployment cannot be approved.");
    if (deployment.highBlocksGate && readiness.byPriority.HIGH.open > 0)
      throw new AppError(
        "CONFLICT",
        "High items are open, and this template's open high items block the gate; this deployment cannot be approved.",
      );
    const already = await tx.signOff.count({
      where: { deploymentId: data.deploymentId, reviewerId: actor.id, ...activeApprovals },
    });
    if (already)
      throw new AppError("CONFLICT", "You have already approved this deployment; another reviewer must add theirs.");

    const now = new Date();
    const problem = data.nextReviewAt ? reviewDayProblem(data.nextReviewAt, deployment.reviewIntervalDays, now) : null;
    if (problem) throw invalidInput({ nextReviewAt: problem });
    const nextReviewAt = data.nextReviewAt
      ? new Date(`${data.nextReviewAt}T00:00:00Z`)
      : new Date(now.getTime() + deployment.reviewIntervalDays * DAY);
    const signOff = await tx.signOff.create({
      data: {
        deploymentId: data.deploymentId,
        reviewerId: actor.id,
        decision: "APPROVED",
        comment: data.comment,
        digest: data.digest,
        digestVersion: CURRENT_DIGEST_VERSION,
        nextReviewAt,
        // What this approval can count for: the groups its reviewer is in now.
        groups: await groupsOfUser(tx, actor.id),
        // What it approved, kept for offline checks of its attestation (record.json).
        snapshot: states,
        createdAt: now,
      },
    });
    const standing = await tx.signOff.findMany({
      where: { deploymentId: data.deploymentId, ...activeApprovals },
      select: { reviewerId: true, groups: true },
    });
    const approvals = standing.length;
    const unmet = unmetGroups(await requiredGroups(tx, deployment.templateVersionId), standing);
    const signedOff = approvals >= deployment.requiredApprovals && unmet.length === 0;
    if (signedOff) {
      await tx.deployment.update({ where: { id: data.deploymentId }, data: { status: signedOffStatus } });
      await enqueueWebhookEvent(
        tx,
        "DEPLOYMENT_SIGNED_OFF",
        async () => ({
          deployment: await deploymentFacts(tx, data.deploymentId),
          signOff: {
            id: signOff.id,
            reviewerId: actor.id,
            comment: data.comment,
            approvals,
            required: deployment.requiredApprovals,
            nextReviewAt: nextReviewAt.toISOString(),
          },
        }),
        now,
      );
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "signoff.approve",
      entityType: "SignOff",
      entityId: signOff.id,
      after: {
        deploymentId: data.deploymentId,
        digest: data.digest,
        digestVersion: CURRENT_DIGEST_VERSION,
        comment: data.comment,
        nextReviewAt: nextReviewAt.toISOString(),
        approvals,
        required: deployment.requiredApprovals,
        groups: signOff.groups,
        missingGroups: unmet,
        status: signedOff ? signedOffStatus : deployment.status,
      },
    });
    // The approval that clears the deployment is attested (after its audit event, whose hash it carries).
    if (signedOff)
      await signApproval(tx, {
        signOffId: signOff.id,
        deploymentId: data.deploymentId,
        digest: data.digest,
        digestVersion: CURRENT_DIGEST_VERSION,
        verdict: readiness.verdict,
        now,
      });
    return { signedOff, approvals, required: deployment.requiredApprovals, missingGroups: unmet };
  });
}

export async function rejectDeployment(
  actor: Actor | null,
  input: z.input<typeof rejectSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:review");
  const data = parseInput(rejectSchema, input);
  await dbOf(options).$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, data.deploymentId);
    if (deployment.ownerId === actor.id)
      throw new AppError("FORBIDDEN", "You own this deployment; another reviewer must review it.");
    const status = nextStatus("reject", deployment.status)!;
    const now = new Date();
    // A rejection also withdraws approvals given so far: the work goes back to the team.
    await withdrawApprovals(tx, data.deploymentId, { actorId: actor.id, reason: "Rejected by a reviewer", at: now });
    const signOff = await tx.signOff.create({
      data: {
        deploymentId: data.deploymentId,
        reviewerId: actor.id,
        decision: "REJECTED",
        comment: data.comment,
        digest: await currentDigest(tx, data.deploymentId, CURRENT_DIGEST_VERSION),
        digestVersion: CURRENT_DIGEST_VERSION,
        createdAt: now,
      },
    });
    await tx.deployment.update({ where: { id: data.deploymentId }, data: { status } });
    await enqueueWebhookEvent(
      tx,
      "DEPLOYMENT_REJECTED",
      async () => ({
        deployment: await deploymentFacts(tx, data.deploymentId),
        rejection: { id: signOff.id, reviewerId: actor.id, comment: data.comment, previousStatus: deployment.status },
      }),
      now,
    );
    await recordAudit(tx, {
      actorId: actor.id,
      action: "signoff.reject",
      entityType: "SignOff",
      entityId: signOff.id,
      before: { status: deployment.status },
      after: { deploymentId: data.deploymentId, comment: data.comment, status },
    });
  });
}
