// Inputs of the deployment use cases: each domain function parses its input with its schema,
// so forms, server actions, the API and its OpenAPI document share them.
import { z } from "zod";
import { deploymentStatuses } from "@/lib/deployments/lifecycle";
import { entityId, DAY_RANGE_MESSAGE, isDayInRange, isRealDay, labelText, storableText } from "@/lib/validation";

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
      .refine(isDayInRange, DAY_RANGE_MESSAGE)
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

const targetDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-31.")
  .refine(isRealDay, "That date does not exist.")
  .refine(isDayInRange, DAY_RANGE_MESSAGE);

/** "New release from this one": the next deployment of the same service and environment. */
export const createNextReleaseSchema = z.object({
  deploymentId: id,
  version: createDeploymentSchema.shape.version,
  targetDate: createDeploymentSchema.shape.targetDate,
});

/** "" clears an optional field on an edit (null); leaving the field out keeps it. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal("").transform(() => null), z.null(), schema]).optional();

/** A commit SHA or a tag: what the release ships. */
export const releaseRefSchema = z
  .string()
  .trim()
  .min(1, "Enter a commit SHA or tag.")
  .max(200, "A release reference is limited to 200 characters.")
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, "A release reference cannot contain spaces or control characters.");

export const pipelineRunUrlSchema = storableText(
  z
    .url({ protocol: /^https?$/, error: "The pipeline link must be an http(s) URL." })
    .max(2_000, "The pipeline link is limited to 2,000 characters."),
);

const descriptionSchema = storableText(
  z.string().trim().max(2_000, "A description is limited to 2,000 characters."),
).transform((value) => value || null);

/** The editable fields of a deployment. A field left out stays as it is; "" (or null)
 * clears an optional one. */
const editableFields = {
  targetDate: clearable(targetDate),
  version: label("version", 100).optional(),
  ownerId: id.optional(),
  description: z.null().or(descriptionSchema).optional(),
  releaseRef: clearable(releaseRefSchema),
  pipelineRunUrl: clearable(pipelineRunUrlSchema),
};

export const editDeploymentSchema = z.object({ deploymentId: id, ...editableFields });
export type EditDeploymentInput = z.infer<typeof editDeploymentSchema>;

export const deployDeploymentSchema = z.object({ deploymentId: id, pipelineRunUrl: pipelineRunUrlSchema.optional() });

export const cancelDeploymentSchema = z.object({
  deploymentId: id,
  reason: storableText(
    z
      .string()
      .trim()
      .min(1, "Say why this deployment is cancelled.")
      .max(2_000, "A reason is limited to 2,000 characters."),
  ),
});

/** Reopen, withdraw from review, delete a draft: the deployment alone. */
export const deploymentIdSchema = z.object({ deploymentId: id });

/** The statuses a PATCH of the API may ask for; the state machine decides whether it may. */
export const patchStatuses = ["READY_FOR_REVIEW", "DEPLOYED", "CANCELLED", "IN_PROGRESS"] as const;

/** The API's PATCH: field edits and, optionally, one status transition, applied together. A
 * PATCH that marks a deployment deployed may set only the pipeline link besides. */
export const patchDeploymentSchema = z
  // Strict: a misspelt field is refused by name rather than a 200 that changed nothing.
  .strictObject({
    deploymentId: id,
    ...editableFields,
    status: z.enum(patchStatuses, { error: "must be READY_FOR_REVIEW, DEPLOYED, CANCELLED or IN_PROGRESS" }).optional(),
    reason: cancelDeploymentSchema.shape.reason.optional(),
  })
  .superRefine((input, ctx) => {
    if (
      input.status === undefined &&
      Object.keys(editableFields).every((f) => input[f as keyof typeof input] === undefined)
    )
      ctx.addIssue({ code: "custom", path: [], message: "Send a field to change, or a status." });
    if (input.status === "DEPLOYED") {
      for (const field of Object.keys(editableFields) as (keyof typeof editableFields)[]) {
        if (field !== "pipelineRunUrl" && input[field] !== undefined)
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: "cannot change in the same request that marks the deployment deployed.",
          });
      }
      if (input.pipelineRunUrl === null)
        ctx.addIssue({ code: "custom", path: ["pipelineRunUrl"], message: "cannot be cleared when deploying." });
    }
    if (input.status === "CANCELLED" && !input.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why this deployment is cancelled." });
    if (input.reason !== undefined && input.status !== "CANCELLED")
      ctx.addIssue({ code: "custom", path: ["reason"], message: "is only read with status CANCELLED." });
  });
export type PatchDeploymentInput = z.infer<typeof patchDeploymentSchema>;

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

/** Orders of the deployments list: `verdict` puts No-go first, then Go with risks, then Go;
 * `missed` puts missed target dates first, the longest missed first. */
export const deploymentSorts = ["target", "service", "status", "updated", "verdict", "missed"] as const;

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
  /** The readiness verdict (lib/checklists/readiness.ts). */
  verdict: z
    .enum(["NO_GO", "GO_WITH_RISKS", "GO_WITH_WAIVERS", "GO"], {
      error: "must be NO_GO, GO_WITH_RISKS, GO_WITH_WAIVERS or GO",
    })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** `cleared`: cleared to ship (the gate answers 200, not yet deployed). `due`: a standing
   * sign-off whose review date is within the reminders' window or past. */
  signoff: z
    .enum(["cleared", "due"], { error: "must be cleared or due" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** `missed`: not deployed or cancelled, target date before today (organisation's time zone). */
  target: z
    .enum(["missed"], { error: "must be missed" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  sort: z
    .enum(deploymentSorts, { error: `must be ${deploymentSorts.slice(0, -1).join(", ")} or ${deploymentSorts.at(-1)}` })
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
