"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { createDeployment } from "@/lib/deployments/create-deployment";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import { moveToLatestVersion, type MoveResult } from "@/lib/deployments/move-to-latest";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { approveSchema, rejectSchema, submitForReviewSchema } from "@/lib/signoff/schemas";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { createDeploymentSchema, updateItemStateSchema, type UpdateItemStateInput } from "@/lib/deployments/schemas";

export async function createDeploymentAction(
  input: z.input<typeof createDeploymentSchema>,
): Promise<ActionResult<{ id: string }>> {
  const user = await getCurrentUser();
  return runAction(createDeploymentSchema, input, async (data) => {
    const created = await createDeployment(user, data);
    revalidatePath("/deployments");
    return created;
  });
}

/** One item's change; a stale `version` answers 409 with the current state in `details.current`. */
export async function updateItemStateAction(input: UpdateItemStateInput): Promise<ActionResult<ItemStateView>> {
  const user = await getCurrentUser();
  return runAction(updateItemStateSchema, input, async (data) => {
    return updateItemState(user, data);
  });
}

const moveSchema = z.object({ deploymentId: z.string().min(1).max(64) });

export async function moveToLatestVersionAction(input: z.input<typeof moveSchema>): Promise<ActionResult<MoveResult>> {
  const user = await getCurrentUser();
  return runAction(moveSchema, input, async ({ deploymentId }) => {
    const result = await moveToLatestVersion(user, deploymentId);
    revalidatePath(`/deployments/${deploymentId}`);
    return result;
  });
}

export async function submitForReviewAction(input: z.input<typeof submitForReviewSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(submitForReviewSchema, input, async ({ deploymentId }) => {
    await submitForReview(user, deploymentId);
    revalidatePath(`/deployments/${deploymentId}`);
    return null;
  });
}

export async function approveDeploymentAction(
  input: z.input<typeof approveSchema>,
): Promise<ActionResult<{ signedOff: boolean; approvals: number; required: number }>> {
  const user = await getCurrentUser();
  return runAction(approveSchema, input, async (data) => {
    const result = await approveDeployment(user, data);
    revalidatePath(`/deployments/${data.deploymentId}`);
    return result;
  });
}

export async function rejectDeploymentAction(input: z.input<typeof rejectSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(rejectSchema, input, async (data) => {
    await rejectDeployment(user, data);
    revalidatePath(`/deployments/${data.deploymentId}`);
    return null;
  });
}
