// Inputs of the template use cases, shared by forms, server actions and the CLI.
import { z } from "zod";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import { CADENCES, PRIORITIES, SECTION_KINDS } from "@/lib/templates/markdown/types";
import { structureSchema } from "@/lib/templates/structure";
import { entityId, DAY_RANGE_MESSAGE, isDayInRange, isRealDay } from "@/lib/validation";

export const sectionOverrideSchema = z.object({
  index: z.number().int().min(0),
  kind: z.enum(SECTION_KINDS),
  priority: z.enum(PRIORITIES).nullable(),
  cadence: z.enum(CADENCES).nullable(),
});

export type SectionOverride = z.infer<typeof sectionOverrideSchema>;

export const importOverridesSchema = z.array(sectionOverrideSchema).max(200);

// Any Uint8Array (a Node Buffer too), whatever memory backs it.
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, "Choose a file.");

/** What the import form sends: the Markdown as text (pasted) or as a file's bytes
 * (uploaded), never both, with the person's corrections of section kinds. */
export const importSourceSchema = z
  .object({
    text: z
      .string()
      .max(MAX_TEMPLATE_BYTES * 2, "The text is larger than 1 MB.")
      .optional(),
    file: bytes.optional(),
    overrides: importOverridesSchema.default([]),
    /** The title when the file names none: what the person typed, or the uploaded file's name. */
    title: z.string().trim().max(200, "A title is at most 200 characters.").optional(),
  })
  .refine((input) => input.text !== undefined || input.file !== undefined, {
    message: "Paste Markdown or choose a file.",
  });

/** The import as trusted callers (seed, CLI, tests) make it: the source as it is, and
 * optionally the slug to store it under. */
export const templateSourceSchema = z.object({
  source: z.union([z.string(), bytes], { error: "Give the Markdown as text or bytes." }),
  overrides: importOverridesSchema.default([]),
  /** The title when the file names none (the CLI: the file's name). */
  title: z.string().trim().max(200, "A title is at most 200 characters.").optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "A slug is lower-case letters, digits and dashes.")
    .optional(),
});

export const MAX_REQUIRED_APPROVALS = 5;

/** Distinct reviewers a deployment of the version needs before it is signed off. */
export const requiredApprovalsSchema = z
  .number({ error: "Required approvals must be a whole number from 1 to 5." })
  .int("Required approvals must be a whole number from 1 to 5.")
  .min(1, "Required approvals must be a whole number from 1 to 5.")
  .max(MAX_REQUIRED_APPROVALS, "Required approvals must be a whole number from 1 to 5.");

export const publishVersionSchema = z.object({
  templateId: z.string().min(1).max(64),
  baseVersion: z.number().int().min(1),
  structure: structureSchema,
  changeNote: z.string().trim().max(500, "A change note is limited to 500 characters.").optional(),
  /** Pinned to the new version; left out, the previous version's number carries over. */
  requiredApprovals: requiredApprovalsSchema.optional(),
  /** The gate's options, pinned to the new version; left out, the previous version's carry over. */
  allowCriticalWaivers: z.boolean().optional(),
  highBlocksGate: z.boolean().optional(),
});

/** Who owns a template and who reviews it; a field left out stays, null clears it. */
export const setTemplatePeopleSchema = z
  .object({
    templateId: entityId,
    ownerId: entityId.nullable().optional(),
    reviewerId: entityId.nullable().optional(),
  })
  .refine((input) => input.ownerId !== undefined || input.reviewerId !== undefined, {
    message: "Choose an owner or a reviewer.",
    path: ["ownerId"],
  });

/** A review recorded now; the next one on the given day (after today), or after the
 * template's review interval. */
export const markTemplateReviewedSchema = z.object({
  templateId: entityId,
  nextReviewAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
    .refine(isRealDay, "That date does not exist.")
    .refine(isDayInRange, DAY_RANGE_MESSAGE)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
