// Inputs of the sign-off use cases; each domain function parses its input with its schema.
import { z } from "zod";
import { DAY_RANGE_MESSAGE, isDayInRange, isRealDay, storableText } from "@/lib/validation";

const deploymentId = z.string().trim().min(1, "is required").max(64, "is not a valid id");
const comment = z.string().trim().max(5_000, "A comment is limited to 5,000 characters.");

export const submitForReviewSchema = z.object({ deploymentId });

export const approveSchema = z.object({
  deploymentId,
  comment: storableText(comment).default(""),
  /** The digest of the checklist the reviewer looked at. */
  digest: z.string().regex(/^[0-9a-f]{64}$/, "is not a checklist digest"),
  nextReviewAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-03-01.")
    .refine(isRealDay, "That date does not exist.")
    .refine(isDayInRange, DAY_RANGE_MESSAGE)
    .optional(),
});

export const rejectSchema = z.object({
  deploymentId,
  comment: storableText(comment.min(1, "Say what must change before this can be approved.")),
});
