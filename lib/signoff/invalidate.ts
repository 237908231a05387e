// After an item changes: approvals of the old checklist no longer count, and the
// deployment's status follows (back to review while the gate holds, else in progress).
// Runs inside the item write's transaction, under the deployment lock.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeApprovals, type LockedDeployment } from "@/lib/signoff/locked-deployment";
import { deploymentFacts, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

export async function afterChecklistChange(
  tx: Prisma.TransactionClient,
  deployment: LockedDeployment,
  change: { actorId: string; description: string },
): Promise<void> {
  const { count } = await tx.signOff.updateMany({
    where: { deploymentId: deployment.id, ...activeApprovals },
    data: { invalidatedAt: new Date(), invalidatedById: change.actorId, invalidationReason: change.description },
  });
  const inReview = deployment.status === "READY_FOR_REVIEW" || deployment.status === "SIGNED_OFF";
  if (!inReview && deployment.status !== "DRAFT") return;
  const ready = (await readinessByDeployment([deployment.id], tx)).get(deployment.id)!.ready;
  const status = deployment.status === "DRAFT" ? "IN_PROGRESS" : ready ? "READY_FOR_REVIEW" : "IN_PROGRESS";
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
      actorId: change.actorId,
      action: "signoff.invalidate",
      entityType: "Deployment",
      entityId: deployment.id,
      before: { status: deployment.status, approvals: count },
      after: { status, reason: change.description },
    });
  }
}
