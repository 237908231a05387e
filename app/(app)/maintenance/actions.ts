"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { assignMaintenanceTask } from "@/lib/maintenance/assign-task";
import { completeMaintenanceTask, type CompletedTask } from "@/lib/maintenance/complete-task";
import { createSchedule } from "@/lib/maintenance/create-schedule";
import type { assignTaskSchema, completeTaskSchema, createScheduleSchema } from "@/lib/maintenance/schemas";

export async function createScheduleAction(
  input: z.input<typeof createScheduleSchema>,
): Promise<ActionResult<{ id: string }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const created = await createSchedule(user, input);
    revalidatePath("/maintenance");
    return created;
  });
}

/** Unknown list or task: 404; already completed: 409 naming who completed it and when. */
export async function completeTaskAction(
  input: z.input<typeof completeTaskSchema>,
): Promise<ActionResult<CompletedTask>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const completed = await completeMaintenanceTask(user, input);
    revalidatePath("/maintenance");
    return completed;
  });
}

export async function assignTaskAction(
  input: z.input<typeof assignTaskSchema>,
): Promise<ActionResult<{ id: string; assigneeId: string | null }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const assigned = await assignMaintenanceTask(user, input);
    revalidatePath("/maintenance");
    return assigned;
  });
}
