// Inputs of the waiver use cases; each domain function parses its input with its schema.
import { z } from "zod";
import { entityId, DAY_RANGE_MESSAGE, isDayInRange, isRealDay, storableText } from "@/lib/validation";

const text = (what: string, max: number) =>
  storableText(
    z
      .string()
      .trim()
      .min(1, `Give the ${what}.`)
      .max(max, `The ${what} is limited to ${max.toLocaleString("en-US")} characters.`),
  );

export const requestWaiverSchema = z.object({
  deploymentId: entityId,
  itemId: entityId,
  reason: text("reason the risk is accepted", 2_000),
  control: text("compensating control or ticket link", 2_000),
  /** The waiver's last day (YYYY-MM-DD, UTC); 30 days from today when absent. */
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-03-01.")
    .refine(isRealDay, "That date does not exist.")
    .refine(isDayInRange, DAY_RANGE_MESSAGE)
    .optional(),
});

export const decideWaiverSchema = z
  .object({
    waiverId: entityId,
    decision: z.enum(["approve", "reject"], { error: "must be approve or reject" }),
    comment: storableText(z.string().trim().max(2_000, "A comment is limited to 2,000 characters.")).default(""),
  })
  .refine((input) => input.decision === "approve" || input.comment.length > 0, {
    path: ["comment"],
    message: "Say why the waiver is rejected.",
  });

export const revokeWaiverSchema = z.object({
  waiverId: entityId,
  reason: text("reason for revoking it", 2_000),
});
