// A deployment whose gate is ready goes to review.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { nextStatus } from "@/lib/deployments/lifecycle";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { submitForReviewSchema } from "@/lib/signoff/schemas";

export async function submitForReview(
  actor: Actor | null,
  input: z.input<typeof submitForReviewSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:submit");
  const { deploymentId } = parseInput(submitForReviewSchema, input);
  await dbOf(options).$transaction((tx) => submitInTransaction(tx, actor, deploymentId));
}

/** The submission as a step of a caller's transaction (the API's PATCH applies field edits
 * and a status in one). */
export async function submitInTransaction(tx: Prisma.TransactionClient, actor: Actor, deploymentId: string) {
  requirePermission(actor, "deployment:submit");
  const deployment = await lockDeployment(tx, deploymentId);
  const status = nextStatus("submit", deployment.status)!;
  const readiness = (await readinessByDeployment([deploymentId], tx)).get(deploymentId)!;
  if (!readiness.ready) {
    const open = readiness.byPriority.CRITICAL.open;
    // The same 409 shape as every refused move, with the gate's own reason code.
    throw new AppError("CONFLICT", `${open} critical item(s) are still open; settle them before asking for review.`, {
      code: "TRANSITION_NOT_ALLOWED",
      reasons: [{ code: "OPEN_CRITICAL_ITEMS", message: `${open} critical item(s) are open.` }],
    });
  }
  const high = readiness.byPriority.HIGH.open;
  if (deployment.highBlocksGate && high > 0) {
    throw new AppError(
      "CONFLICT",
      `${high} high item(s) are still open, and this template's open high items block the gate; settle them before asking for review.`,
      {
        code: "TRANSITION_NOT_ALLOWED",
        reasons: [{ code: "OPEN_HIGH_ITEMS", message: `${high} high item(s) are open.` }],
      },
    );
  }
  await tx.deployment.update({
    where: { id: deploymentId },
    data: { status, submittedAt: new Date() },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.submit",
    entityType: "Deployment",
    entityId: deploymentId,
    before: { status: deployment.status },
    after: { status },
  });
}
