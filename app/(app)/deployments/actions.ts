"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { createDeployment } from "@/lib/deployments/create-deployment";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import { moveToLatestVersion, type MoveResult } from "@/lib/deployments/move-to-latest";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { createDeploymentSchema, updateItemStateSchema, type UpdateItemStateInput } from "@/lib/deployments/schemas";

export async function createDeploymentAction(input: z.input<typeof createDeploymentSchema>): Promise<ActionResult<{ id: string }>> {
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
