"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { finishProcedureRun } from "@/lib/procedures/finish-run";
import {
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
  return runAction(startRunSchema, input, async (data) => {
    const run = await startProcedureRun(user, data);
    revalidatePath("/", "layout");
    return run;
  });
}

/** A step outside the run: 404 naming how many steps it has; a settled step: 409. */
export async function completeStepAction(input: z.input<typeof completeStepSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(completeStepSchema, input, async (data) => {
    await completeStep(user, data);
    revalidateRun(data.runId);
    return null;
  });
}

export async function skipStepAction(input: z.input<typeof skipStepSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(skipStepSchema, input, async (data) => {
    await skipStep(user, data);
    revalidateRun(data.runId);
    return null;
  });
}

export async function stepNoteAction(input: z.input<typeof stepNoteSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(stepNoteSchema, input, async (data) => {
    await addStepNote(user, data);
    revalidateRun(data.runId);
    return null;
  });
}

export async function timelineEntryAction(input: z.input<typeof timelineEntrySchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(timelineEntrySchema, input, async (data) => {
    await addTimelineEntry(user, data);
    revalidateRun(data.runId);
    return null;
  });
}

/** Refused with 409 while steps are pending; the message says how many and which. */
export async function finishRunAction(input: z.input<typeof finishRunSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(finishRunSchema, input, async ({ runId }) => {
    await finishProcedureRun(user, runId);
    revalidatePath("/", "layout");
    return null;
  });
}
