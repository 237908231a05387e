"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { finishProcedureRun } from "@/lib/procedures/finish-run";
import type {
  completeStepSchema,
  finishRunSchema,
  skipStepSchema,
  startRunSchema,
  stepNoteSchema,
  timelineEntrySchema,
} from "@/lib/procedures/schemas";
import { startProcedureRun } from "@/lib/procedures/start-run";
import { addTimelineEntry } from "@/lib/procedures/timeline";
import { addStepNote, completeStep, skipStep } from "@/lib/procedures/update-step";

/** The run page, the list and (through the layout's banner) every page show run state. */
function revalidateRun(runId: string) {
  revalidatePath(`/procedures/${runId}`);
  revalidatePath("/procedures");
}

export async function startRunAction(
  input: z.input<typeof startRunSchema>,
): Promise<ActionResult<{ id: string; steps: number }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const run = await startProcedureRun(user, input);
    revalidatePath("/", "layout");
    return run;
  });
}

/** A step outside the run: 404 naming how many steps it has; a settled step: 409. */
export async function completeStepAction(input: z.input<typeof completeStepSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await completeStep(user, input);
    revalidateRun(input.runId);
    return null;
  });
}

export async function skipStepAction(input: z.input<typeof skipStepSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await skipStep(user, input);
    revalidateRun(input.runId);
    return null;
  });
}

export async function stepNoteAction(input: z.input<typeof stepNoteSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await addStepNote(user, input);
    revalidateRun(input.runId);
    return null;
  });
}

export async function timelineEntryAction(input: z.input<typeof timelineEntrySchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await addTimelineEntry(user, input);
    revalidateRun(input.runId);
    return null;
  });
}

/** Refused with 409 while steps are pending; the message says how many and which. */
export async function finishRunAction(input: z.input<typeof finishRunSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await finishProcedureRun(user, input);
    revalidatePath("/", "layout");
    return null;
  });
}
