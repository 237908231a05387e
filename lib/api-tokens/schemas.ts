// Inputs of the API token use cases, shared by the admin form and its server actions.
import { z } from "zod";
import { DAY_RANGE_MESSAGE, entityId, isDayInRange } from "@/lib/validation";
import { apiTokenScopes } from "@/lib/api-tokens/scopes";

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what uses it, e.g. “deploy pipeline”.")
    .max(100, "A token name is limited to 100 characters.")
    .regex(/^[^\u0000-\u001f<>]+$/, "A token name cannot contain control characters or < >."),
  scopes: z
    .array(z.enum(apiTokenScopes, { error: "A scope is READ, WRITE or GATE." }))
    .min(1, "Choose at least one scope.")
    .max(3, "There are only three scopes."),
  /** Last day the token works (UTC); empty for a token that does not expire. */
  expiresOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-03-31.")
    // Date.parse rolls 2027-02-30 over to March; a round trip catches days that do not exist.
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      "That date does not exist.",
    )
    .refine(isDayInRange, DAY_RANGE_MESSAGE)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The user the token speaks for (an active user who is not a viewer); the admin who
   * creates it when left out. */
  userId: entityId.optional().or(z.literal("").transform(() => undefined)),
});

export const revokeApiTokenSchema = z.object({ tokenId: entityId });
