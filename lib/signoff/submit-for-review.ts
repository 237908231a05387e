// A deployment whose gate is ready goes to review.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { AppError } from "@/lib/errors";
import { lockDeployment } from "@/lib/signoff/locked-deployment";

const submittable = new Set(["DRAFT", "IN_PROGRESS", "REJECTED"]);

export async function submitForReview(actor: Actor | null, deploymentId: string): Promise<void> {
  requirePermission(actor, "deployment:submit");
  await db.$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, deploymentId);
    if (!submittable.has(deployment.status)) {
      throw new AppError(
        "CONFLICT",
        `A deployment that is ${deployment.status.toLowerCase().replaceAll("_", " ")} cannot be submitted for review.`,
      );
    }
    const readiness = (await readinessByDeployment([deploymentId], tx)).get(deploymentId)!;
    if (!readiness.ready) {
      throw new AppError(
        "CONFLICT",
        `${readiness.byPriority.CRITICAL.open} critical item(s) are still open; settle them before asking for review.`,
      );
    }
    await tx.deployment.update({
      where: { id: deploymentId },
      data: { status: "READY_FOR_REVIEW", submittedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deployment.submit",
      entityType: "Deployment",
      entityId: deploymentId,
      before: { status: deployment.status },
      after: { status: "READY_FOR_REVIEW" },
    });
  });
}
