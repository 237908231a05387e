// Inputs of the deployment use cases: each domain function parses its input with its schema,
// so forms, server actions, the API and its OpenAPI document share them.
import { z } from "zod";
import { deploymentStatuses } from "@/lib/deployments/lifecycle";
import { entityId, isRealDay, labelText, storableText } from "@/lib/validation";

const id = entityId;
const label = labelText;

/** Exactly one of `templateVersionId` or `template` says what the checklist is made from. */
export const createDeploymentSchema = z
  .object({
    service: label("service", 100),
    environment: label("environment", 50),
    version: label("version", 100),
    targetDate: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
      .refine(isRealDay, "That date does not exist.")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    ownerId: id.optional().or(z.literal("").transform(() => undefined)),
    /** One version of a template (the form sends this). */
    templateVersionId: id.optional(),
    /** A template by its id, slug or exact name (when no other template has it): its latest version. */
    template: z
      .string()
      .trim()
      .min(1, "Name the template by its id, slug or exact name.")
      .max(200, "A template reference is limited to 200 characters.")
      .regex(/^[^\u0000-\u001f]+$/, "A template reference cannot contain control characters.")
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.templateVersionId === undefined && input.template === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["templateVersionId"],
        message: "Give templateVersionId, or template (a template's id, slug or exact name).",
      });
    else if (input.templateVersionId !== undefined && input.template !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["template"],
        message: "Give templateVersionId or template, not both.",
      });
  });

/** "New release from this one": the next deployment of the same service and environment. */
export const createNextReleaseSchema = z.object({
  deploymentId: id,
  version: createDeploymentSchema.shape.version,
  targetDate: createDeploymentSchema.shape.targetDate,
});

export const evidenceLinkSchema = storableText(
  z
    .url({ protocol: /^https?$/, error: "Evidence links must be http(s) URLs." })
    .max(2_000, "An evidence link is limited to 2,000 characters."),
);

export const itemStatusSchema = z.enum(["OPEN", "DONE", "NOT_APPLICABLE"]);

export const updateItemStateSchema = z
  .object({
    deploymentId: id,
    itemId: id,
    /** The version the client last saw; a stale one is refused with 409. */
    version: z.number().int().min(0),
    status: itemStatusSchema.optional(),
    naReason: storableText(z.string().trim().max(2_000, "A reason is limited to 2,000 characters.")).optional(),
    note: storableText(z.string().trim().max(10_000, "A note is limited to 10,000 characters.")).nullable().optional(),
    evidenceLinks: z.array(evidenceLinkSchema).max(20, "At most 20 evidence links per item.").optional(),
    assigneeId: id.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status === "NOT_APPLICABLE" && !input.naReason) {
      ctx.addIssue({ code: "custom", path: ["naReason"], message: "Say why this item does not apply." });
    }
  });

export type UpdateItemStateInput = z.infer<typeof updateItemStateSchema>;

export const moveToLatestSchema = z.object({ deploymentId: id });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `is limited to ${max} characters`)
    .regex(/^[^\u0000]*$/, "cannot contain NUL characters")
    .optional()
    .transform((value) => value || undefined);

/** Query-string filters of the deployments list. */
export const deploymentFiltersSchema = z.object({
  q: optionalText(100),
  service: optionalText(100),
  environment: optionalText(50),
  status: z
    .enum(deploymentStatuses, { error: "is not a deployment status" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  owner: optionalText(64),
  /** `open`: deployed releases whose post-deployment verification is not finished. */
  verification: z
    .enum(["open"], { error: "must be open" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  sort: z
    .enum(["target", "service", "status", "updated"], { error: "must be target, service, status or updated" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  page: z.coerce
    .number({ error: "must be a page number" })
    .int("must be a whole number")
    .min(1, "starts at 1")
    .max(10_000)
    .default(1),
});

export type DeploymentFilters = z.infer<typeof deploymentFiltersSchema>;
