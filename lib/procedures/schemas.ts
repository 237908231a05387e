// Inputs of the procedure-run use cases: each domain function parses its input with its
// schema, which the forms and the server actions share.
import { z } from "zod";

export const severities = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;

export const severityLabels: Record<(typeof severities)[number], string> = {
  SEV1: "SEV1 · critical, customers affected",
  SEV2: "SEV2 · major, degraded service",
  SEV3: "SEV3 · minor, limited impact",
  SEV4: "SEV4 · low, no customer impact",
};

const id = z.string().trim().min(1, "is required").max(64, "is not a valid id");
const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}.`)
    .max(
      max,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} is limited to ${max.toLocaleString("en-US")} characters.`,
    );

export const startRunSchema = z.object({
  sectionId: id,
  title: text("a title", 200).regex(/^[^\u0000-\u001f]+$/, "The title cannot contain control characters."),
  severity: z.enum(severities, { error: "Choose a severity from SEV1 to SEV4." }),
});

/** Steps are named by their 1-based position in the run, as people number them. */
const stepRef = {
  runId: id,
  position: z.coerce
    .number({ error: "The step must be a number." })
    .int("The step must be a whole number.")
    .min(1, "Steps are numbered from 1."),
};

export const completeStepSchema = z.object({
  ...stepRef,
  note: text("a note", 10_000)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const skipStepSchema = z.object({ ...stepRef, reason: text("the reason for skipping this step", 2_000) });

export const stepNoteSchema = z.object({ ...stepRef, note: text("a note", 10_000) });

export const timelineEntrySchema = z.object({ runId: id, body: text("what happened", 10_000) });

export const finishRunSchema = z.object({ runId: id });
