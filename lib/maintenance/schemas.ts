// Inputs of the maintenance use cases: each domain function parses its input with its schema,
// which the forms and the server actions share.
import { z } from "zod";
import { entityId, labelText } from "@/lib/validation";

const id = entityId;
// "/" separates service from environment in the scope key, so neither may contain one.
const label = (what: string, max: number) => labelText(what, max, { forbidSlash: true });

const optional = <T extends z.ZodType>(schema: T) => schema.optional().or(z.literal("").transform(() => undefined));

export const createScheduleSchema = z
  .object({
    sectionId: id,
    scope: z.enum(["org", "service"], { error: "Choose the whole organisation or one service." }),
    service: optional(label("service", 100)),
    environment: optional(label("environment", 50)),
    ownerId: id,
  })
  .superRefine((input, ctx) => {
    if (input.scope !== "service") return;
    if (!input.service) ctx.addIssue({ code: "custom", path: ["service"], message: "Enter the service." });
    if (!input.environment) ctx.addIssue({ code: "custom", path: ["environment"], message: "Enter the environment." });
  });

export type CreateScheduleInput = z.infer<typeof createScheduleSchema>;

export const evidenceUrlSchema = z
  .url({ protocol: /^https?$/, error: "The evidence link must be an http(s) URL." })
  .max(2_000, "An evidence link is limited to 2,000 characters.");

export const completeTaskSchema = z.object({
  occurrenceId: id,
  taskId: id,
  // An empty note is no note: stored as null, not "".
  note: z
    .string()
    .trim()
    .max(10_000, "A note is limited to 10,000 characters.")
    .optional()
    .transform((value) => value || undefined),
  evidenceUrl: optional(evidenceUrlSchema),
});

export const assignTaskSchema = z.object({
  occurrenceId: id,
  taskId: id,
  assigneeId: id.nullable(),
});

/** "org", or "<service>/<environment>": the key that makes a schedule unique per section. */
export function scopeKeyOf(input: Pick<CreateScheduleInput, "scope" | "service" | "environment">): string {
  return input.scope === "org" ? "org" : `${input.service}/${input.environment}`;
}

export function scopeLabel(scopeKey: string): string {
  return scopeKey === "org" ? "Whole organisation" : scopeKey;
}
