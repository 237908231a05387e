"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { createNextRelease } from "@/lib/deployments/create-next-release";
import { readItemHistory, type readItemHistorySchema } from "@/lib/deployments/item-history";
import type { ItemHistory } from "@/lib/deployments/item-history-view";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import { moveToLatestVersion, type MoveResult } from "@/lib/deployments/move-to-latest";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import type { approveSchema, rejectSchema, submitForReviewSchema } from "@/lib/signoff/schemas";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import {
  cancelDeployment,
  deleteDraft,
  deployDeployment,
  editDeployment,
  reopenDeployment,
  withdrawFromReview,
} from "@/lib/deployments/transitions";
import type {
  cancelDeploymentSchema,
  deployDeploymentSchema,
  deploymentIdSchema,
  editDeploymentSchema,
} from "@/lib/deployments/schemas";
import type {
  createDeploymentSchema,
  createNextReleaseSchema,
  moveToLatestSchema,
  updateItemStateSchema,
} from "@/lib/deployments/schemas";

export async function createDeploymentAction(
  input: z.input<typeof createDeploymentSchema>,
): Promise<ActionResult<{ id: string }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const created = await createDeployment(user, input);
    revalidatePath("/deployments");
    return created;
  });
}

/** "New release from this one": the next deployment of the same service and environment. */
export async function createNextReleaseAction(
  input: z.input<typeof createNextReleaseSchema>,
): Promise<ActionResult<{ id: string }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const created = await createNextRelease(user, input);
    revalidatePath("/deployments");
    return created;
  });
}

/** One item's change; a stale `version` answers 409 with the current state in `details.current`. */
export async function updateItemStateAction(
  input: z.input<typeof updateItemStateSchema>,
): Promise<ActionResult<ItemStateView>> {
  const user = await getCurrentUser();
  return runAction(() => updateItemState(user, input));
}

/** One item's history, read when its details open: every signed-in role may read it. */
export async function readItemHistoryAction(
  input: z.input<typeof readItemHistorySchema>,
): Promise<ActionResult<ItemHistory>> {
  const user = await getCurrentUser();
  return runAction(() => readItemHistory(user, input));
}

export async function moveToLatestVersionAction(
  input: z.input<typeof moveToLatestSchema>,
): Promise<ActionResult<MoveResult>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const result = await moveToLatestVersion(user, input);
    revalidatePath(`/deployments/${input.deploymentId}`);
    return result;
  });
}

export async function submitForReviewAction(input: z.input<typeof submitForReviewSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await submitForReview(user, input);
    revalidatePath(`/deployments/${input.deploymentId}`);
    return null;
  });
}

export async function approveDeploymentAction(
  input: z.input<typeof approveSchema>,
): Promise<ActionResult<{ signedOff: boolean; approvals: number; required: number; missingGroups: string[] }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const result = await approveDeployment(user, input);
    revalidatePath(`/deployments/${input.deploymentId}`);
    return result;
  });
}

export async function rejectDeploymentAction(input: z.input<typeof rejectSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await rejectDeployment(user, input);
    revalidatePath(`/deployments/${input.deploymentId}`);
    return null;
  });
}

/** Revalidates the deployment's page and the list after a lifecycle change. */
function revalidateDeployment(deploymentId: string): void {
  revalidatePath(`/deployments/${deploymentId}`);
  revalidatePath("/deployments");
}

/** Edits target date, version, owner, description, release reference or pipeline link;
 * `invalidated` when an owner, version or release-reference change withdrew approvals. */
export async function editDeploymentAction(
  input: z.input<typeof editDeploymentSchema>,
): Promise<ActionResult<{ invalidated: boolean }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const result = await editDeployment(user, input);
    revalidateDeployment(input.deploymentId);
    return result;
  });
}

/** Marks a signed-off deployment deployed; a refusal's `details.reasons` are the gate's. */
export async function deployDeploymentAction(
  input: z.input<typeof deployDeploymentSchema>,
): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await deployDeployment(user, input);
    revalidateDeployment(input.deploymentId);
    return null;
  });
}

export async function cancelDeploymentAction(
  input: z.input<typeof cancelDeploymentSchema>,
): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await cancelDeployment(user, input);
    revalidateDeployment(input.deploymentId);
    return null;
  });
}

export async function reopenDeploymentAction(input: z.input<typeof deploymentIdSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await reopenDeployment(user, input);
    revalidateDeployment(input.deploymentId);
    return null;
  });
}

export async function withdrawFromReviewAction(input: z.input<typeof deploymentIdSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await withdrawFromReview(user, input);
    revalidateDeployment(input.deploymentId);
    return null;
  });
}

/** Deletes a draft; the caller navigates away (its page no longer exists). */
export async function deleteDraftAction(input: z.input<typeof deploymentIdSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await deleteDraft(user, input);
    revalidatePath("/deployments");
    return null;
  });
}
