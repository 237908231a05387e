// The API's PATCH of a deployment: field edits and, optionally, one status change, in one
// transaction. A refused transition leaves the edits unwritten; the state machine decides
// which use case a status means (IN_PROGRESS reopens a cancelled deployment or withdraws
// one from review).
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { can, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { deploymentHeadSelect } from "@/lib/deployments/deployment-head";
import { canTransition, statusWords, type DeploymentStatus } from "@/lib/deployments/lifecycle";
import { patchDeploymentSchema } from "@/lib/deployments/schemas";
import {
  cancelInTransaction,
  deployInTransaction,
  editInTransaction,
  reopenInTransaction,
  withdrawInTransaction,
} from "@/lib/deployments/transitions";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { submitInTransaction } from "@/lib/signoff/submit-for-review";

/** What a PATCH answers: the deployment's head as it is now. */
export type DeploymentHeadView = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  targetDate: string | null;
  owner: { id: string; name: string };
  description: string | null;
  releaseRef: string | null;
  pipelineRunUrl: string | null;
  submittedAt: string | null;
  deployedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  updatedAt: string;
};

export async function patchDeployment(
  actor: Actor | null,
  input: z.input<typeof patchDeploymentSchema>,
  options?: DomainOptions,
): Promise<DeploymentHeadView> {
  // Which permission applies depends on the body and, for IN_PROGRESS, on the status; each
  // step checks its own. Someone who may do none of them is refused before the body is read.
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!(["deployment:edit", "deployment:submit", "deployment:deploy"] as const).some((p) => can(actor, p)))
    throw new AppError("FORBIDDEN", "Your role does not allow this action.");
  const { deploymentId, status, reason, ...fields } = parseInput(patchDeploymentSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    // With DEPLOYED the schema lets only the pipeline link through, which the go-live sets.
    const edits = status === "DEPLOYED" ? {} : fields;
    if (Object.values(edits).some((value) => value !== undefined))
      await editInTransaction(tx, actor, { deploymentId, ...edits });
    switch (status) {
      case undefined:
        break;
      case "READY_FOR_REVIEW":
        await submitInTransaction(tx, actor, deploymentId);
        break;
      case "DEPLOYED":
        await deployInTransaction(tx, actor, { deploymentId, pipelineRunUrl: fields.pipelineRunUrl ?? undefined });
        break;
      case "CANCELLED":
        await cancelInTransaction(tx, actor, { deploymentId, reason: reason! });
        break;
      case "IN_PROGRESS": {
        const { status: from } = await lockDeployment(tx, deploymentId);
        if (canTransition("reopen", from)) await reopenInTransaction(tx, actor, { deploymentId });
        else if (canTransition("withdraw", from)) await withdrawInTransaction(tx, actor, { deploymentId });
        else
          throw new AppError(
            "CONFLICT",
            `This deployment is ${statusWords(from)}. Only a cancelled deployment can be reopened, or one in review withdrawn.`,
            { code: "TRANSITION_NOT_ALLOWED" },
          );
        break;
      }
    }
    return readDeploymentHead(tx, deploymentId);
  });
}

export async function readDeploymentHead(
  tx: Pick<Prisma.TransactionClient, "deployment">,
  deploymentId: string,
): Promise<DeploymentHeadView> {
  const row = await tx.deployment.findUnique({
    where: { id: deploymentId },
    select: {
      ...deploymentHeadSelect,
      description: true,
      releaseRef: true,
      pipelineRunUrl: true,
      submittedAt: true,
      deployedAt: true,
      cancelledAt: true,
      cancelReason: true,
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "That deployment does not exist.");
  const instant = (value: Date | null) => value?.toISOString() ?? null;
  return {
    ...row,
    targetDate: row.targetDate?.toISOString().slice(0, 10) ?? null,
    submittedAt: instant(row.submittedAt),
    deployedAt: instant(row.deployedAt),
    cancelledAt: instant(row.cancelledAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}
