// After a change to what an approval covers (an item's content, a version move, an owner,
// version or release-reference edit): approvals of the old checklist no longer count, and
// the deployment's status follows the state machine (back to review while every critical
// item is settled, else to work). Runs inside the change's transaction, under the lock;
// answers how many approvals it withdrew.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { canTransition, nextStatus, type LifecycleEvent } from "@/lib/deployments/lifecycle";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { withdrawApprovals, type LockedDeployment } from "@/lib/signoff/locked-deployment";
import { deploymentFacts, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

export async function afterChecklistChange(
  tx: Prisma.TransactionClient,
  deployment: LockedDeployment,
  /** `actorId` null: the system (a waiver's expiry, processed by the job runner). */
  change: { actorId: string | null; description: string; event?: Extract<LifecycleEvent, "change" | "invalidate"> },
): Promise<number> {
  const count = await withdrawApprovals(tx, deployment.id, { actorId: change.actorId, reason: change.description });
  const event = change.event ?? "change";
  let status = deployment.status;
  // Where the event has no transition (an owner edit while in progress) the status stays.
  if (canTransition(event, deployment.status)) {
    const ready = (await readinessByDeployment([deployment.id], tx)).get(deployment.id)!.ready;
    status = nextStatus(event, deployment.status, ready) ?? deployment.status;
  }
  if (status !== deployment.status) await tx.deployment.update({ where: { id: deployment.id }, data: { status } });
  if (count > 0) {
    await enqueueWebhookEvent(tx, "SIGNOFF_INVALIDATED", async () => ({
      deployment: await deploymentFacts(tx, deployment.id),
      invalidation: {
        reason: change.description,
        invalidatedById: change.actorId,
        approvalsInvalidated: count,
        previousStatus: deployment.status,
      },
    }));
    await recordAudit(tx, {
      ...(change.actorId ? { actorId: change.actorId } : { actorLabel: "system" }),
      action: "signoff.invalidate",
      entityType: "Deployment",
      entityId: deployment.id,
      before: { status: deployment.status, approvals: count },
      after: { status, reason: change.description },
    });
  }
  return count;
}
