// Request and response schemas of /api/v1. The request schemas are the domain functions'
// own (lib/<feature>/schemas.ts), with the ids the path supplies left out and OpenAPI
// metadata added: what the document shows is what createDeployment, updateItemState and
// approveDeployment parse, so it cannot drift from what the server accepts. Response
// schemas describe what the handlers send; the integration tests parse real responses with
// them.
import "zod-openapi";
import { z } from "zod";
import {
  createDeploymentSchema,
  deploymentFiltersSchema,
  patchDeploymentSchema,
  itemStatusSchema,
  updateItemStateSchema,
} from "@/lib/deployments/schemas";
import { deploymentStatuses } from "@/lib/deployments/lifecycle";
import { approveSchema } from "@/lib/signoff/schemas";
import { FIRST_YEAR, LAST_YEAR, isYearInRange } from "@/lib/validation";

// ---- Requests ---------------------------------------------------------------------------

export const deploymentFiltersQuery = deploymentFiltersSchema;

export const createDeploymentBody = createDeploymentSchema.meta({
  id: "CreateDeployment",
  description:
    "A new deployment: a checklist instance of one template version, every item OPEN. Send exactly one of `templateVersionId` (that version) or `template` (a template's id, slug, or exact name when no other template has it: its latest version; see GET /api/v1/templates).",
  example: {
    service: "payments-api",
    environment: "production",
    version: "2.4.0",
    targetDate: "2026-12-15",
    template: "production-security-checklist",
  },
});

/** The item PATCH body: the UI's item update without the ids, which come from the path.
 * From the schema's shape (an object with a refinement cannot omit keys); updateItemState
 * parses the whole schema, ids merged in, so its rules (e.g. a reason for NOT_APPLICABLE)
 * apply unchanged. */
export const itemStatePatchBody = z
  .object(updateItemStateSchema.shape)
  .omit({ deploymentId: true, itemId: true })
  .meta({
    id: "ItemStatePatch",
    description:
      "Change one checklist item. `version` is the version you last read; a stale one is refused with 409 and the current state. NOT_APPLICABLE needs `naReason`.",
    example: {
      version: 3,
      status: "DONE",
      note: "Rotated in Vault",
      evidenceLinks: ["https://ci.example.com/runs/42"],
    },
  });

/** The deployment PATCH body: the domain's schema without the id, which comes from the path
 * (from its shape: a refined object cannot omit keys; patchDeployment parses the whole). */
export const patchDeploymentBody = z
  .strictObject(patchDeploymentSchema.shape)
  .omit({ deploymentId: true })
  .meta({
    id: "DeploymentPatch",
    description:
      'Edit fields and/or move the status, all or nothing. A field left out stays; `""` (or null) clears an optional one. A change of `ownerId`, `version` or `releaseRef` withdraws the approvals given so far. `status`: READY_FOR_REVIEW submits, DEPLOYED marks it deployed (only when the gate would answer 200; only `pipelineRunUrl` may be sent with it), CANCELLED needs `reason`, IN_PROGRESS reopens a cancelled deployment or withdraws one from review. At least one field or `status`.',
    example: { status: "DEPLOYED", pipelineRunUrl: "https://ci.example.com/runs/42" },
  });

export const approvalBody = approveSchema.omit({ deploymentId: true }).meta({
  id: "Approval",
  description:
    "Approve the checklist you reviewed: `digest` is the checklist's digest as you saw it. Signed-in reviewers only, in the browser; API tokens are refused.",
  example: { comment: "Evidence checked", digest: "9f2c…(64 hex characters)", nextReviewAt: "2027-03-01" },
});

const isoInstant = (name: string) =>
  z
    .string()
    .trim()
    .refine(
      (value) =>
        /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)),
      `must be a date (2026-11-01) or an ISO 8601 date-time`,
    )
    // PostgreSQL refuses year 0 (22008); checked only on a date the first refine accepted.
    .refine(
      (value) => Number.isNaN(Date.parse(value)) || isYearInRange(new Date(value).getUTCFullYear()),
      `must be in the years ${FIRST_YEAR}–${LAST_YEAR}`,
    )
    .transform((value) => new Date(value))
    .optional()
    .meta({ description: `${name}; a date alone means midnight UTC.`, example: "2026-11-01" });

const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `is limited to ${max} characters`)
    .regex(/^[^\u0000-\u001f]*$/, "cannot contain control characters")
    .optional();

export const auditQuery = z
  .object({
    entityType: filterText(64).meta({
      description: "e.g. Deployment, ItemState, SignOff, ApiToken, User",
      example: "Deployment",
    }),
    entityId: filterText(64),
    actorId: filterText(64),
    action: filterText(64).meta({
      description: "e.g. item.update, signoff.approve, api-token.create",
      example: "item.update",
    }),
    from: isoInstant("Events at or after this time"),
    to: isoInstant("Events before this time"),
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, "must be an event id from nextCursor")
      // zod runs this even when the regex failed: test the shape again before BigInt() can throw.
      .refine(
        (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n,
        "must be an event id from nextCursor",
      )
      .optional()
      .meta({ description: "The `nextCursor` of the previous page: events older than it." }),
    limit: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(200, "is at most 200")
      .default(50),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    path: ["to"],
    message: "must be after from",
  });

// ---- Responses --------------------------------------------------------------------------

const person = z.object({ id: z.string(), name: z.string() });
const instant = z.string().meta({ format: "date-time", example: "2026-11-27T10:15:00.000Z" });

export const errorBody = z
  .object({
    error: z.string().meta({
      description: "What went wrong, for a person; a bad field is named first (`field: message`).",
      example: "status: is not a deployment status",
    }),
    field: z
      .string()
      .optional()
      .meta({ description: "The path of the bad field or parameter, when one is at fault.", example: "status" }),
  })
  .meta({ id: "Error" });

export const rateLimitedBody = errorBody
  .extend({
    code: z.literal("RATE_LIMITED"),
    limit: z.number().int().meta({ description: "The limit that was reached, in requests a minute." }),
    retryAfterSeconds: z
      .number()
      .int()
      .min(1)
      .meta({ description: "Seconds until the minute's window ends; the same as the Retry-After header." }),
  })
  .meta({ id: "RateLimited" });

export const itemStateResponse = z
  .object({
    itemId: z.string(),
    status: itemStatusSchema,
    naReason: z.string().nullable(),
    note: z.string().nullable(),
    evidenceLinks: z.array(z.string()),
    assignee: person.nullable(),
    updatedBy: person.nullable(),
    updatedAt: instant,
    version: z.number().int().meta({ description: "Send this back with the next change." }),
    previousState: z
      .object({
        templateVersion: z.number().int(),
        text: z.string(),
        status: itemStatusSchema,
        naReason: z.string().nullable(),
        note: z.string().nullable(),
        evidenceLinks: z.array(z.string()),
      })
      .nullable()
      .meta({
        description:
          "Read-only: what the item held under an older template version before a move reset it (its text was reworded, or it moved to another section or parent). Not part of the approval digest.",
      }),
  })
  .meta({ id: "ItemState" });

export const itemConflictBody = errorBody
  .extend({ current: itemStateResponse.optional() })
  .meta({ id: "ItemConflict", description: "Someone changed the item since you read it: `current` is its state now." });

const progress = z.object({
  total: z.number().int(),
  done: z.number().int(),
  notApplicable: z.number().int(),
  waived: z.number().int().meta({ description: "Open items an approved, unexpired waiver settles." }),
  open: z.number().int(),
  percent: z.number().int(),
});

export const readinessResponse = z
  .object({
    ready: z.boolean().meta({
      description: "Every CRITICAL item is settled (what submitting needs; not the gate).",
    }),
    verdict: z.enum(["GO", "GO_WITH_WAIVERS", "GO_WITH_RISKS", "NO_GO"]).meta({
      description:
        "NO_GO while a CRITICAL item is open, GO_WITH_RISKS while a HIGH one is, GO_WITH_WAIVERS while an approved waiver settles an item, else GO.",
    }),
    score: z.number().int().min(0).max(100).meta({
      description:
        "The readiness percentage: settled (DONE, NOT_APPLICABLE or under an approved, unexpired waiver) items weighted CRITICAL 8, HIGH 4, RECOMMENDED 2, no priority 1, over all their weight, rounded down; 100 when there are none.",
    }),
    byPriority: z.object({ CRITICAL: progress, HIGH: progress, RECOMMENDED: progress, NONE: progress }),
  })
  .meta({ id: "Readiness", description: "Of the pre-deployment items: what the gate and a sign-off look at." });

export const verificationResponse = z
  .object({
    total: z.number().int(),
    done: z.number().int(),
    notApplicable: z.number().int(),
    open: z.number().int(),
    percent: z
      .number()
      .int()
      .meta({ description: "Settled (DONE or NOT_APPLICABLE) over all, unweighted, rounded down; 100 when none." }),
  })
  .meta({
    id: "Verification",
    description:
      "Post-deployment verification, ticked after the go-live: outside readiness, the gate and the approval digest.",
  });

export const deploymentRowResponse = z
  .object({
    id: z.string(),
    service: z.string(),
    environment: z.string(),
    version: z.string(),
    status: z.enum(deploymentStatuses),
    targetDate: instant.nullable(),
    updatedAt: instant,
    owner: person,
    template: z.object({ name: z.string(), version: z.number().int() }),
    readiness: readinessResponse,
    verification: verificationResponse,
    missedTarget: z.boolean().meta({
      description: "Not deployed or cancelled, and the target date is before today in the organisation's time zone.",
    }),
  })
  .meta({ id: "DeploymentRow" });

export const deploymentPageResponse = z
  .object({
    deployments: z.array(deploymentRowResponse),
    page: z
      .number()
      .int()
      .meta({ description: "The page read: the one asked for, or the last when that is past the end." }),
    pageCount: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: "DeploymentPage" });

export const templateListResponse = z
  .object({
    templates: z.array(
      z.object({
        id: z.string(),
        slug: z.string().meta({ example: "production-security-checklist" }),
        name: z.string().meta({ example: "Production Security Checklist" }),
        latestVersion: z
          .object({
            id: z.string().meta({ description: "A `templateVersionId` for POST /api/v1/deployments." }),
            number: z.number().int(),
            requiredApprovals: z.number().int().meta({ description: "Distinct reviewers a deployment on it needs." }),
            reviewIntervalDays: z.number().int(),
          })
          .meta({ description: "What `template` means in POST /api/v1/deployments." }),
      }),
    ),
  })
  .meta({ id: "TemplateList" });

export const ambiguousTemplateBody = errorBody
  .extend({
    code: z.literal("AMBIGUOUS_TEMPLATE"),
    candidates: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })).min(2),
  })
  .meta({
    id: "AmbiguousTemplate",
    description: "Several templates have the name sent as `template`: send one's id or slug instead.",
  });

export const createdResponse = z
  .object({ id: z.string(), url: z.string().meta({ example: "/api/v1/deployments/cmabc123" }) })
  .meta({ id: "Created" });

export const waiverResponse = z
  .object({
    id: z.string(),
    itemKey: z.string(),
    itemText: z.string(),
    priority: z.enum(["CRITICAL", "HIGH", "RECOMMENDED"]).nullable(),
    status: z.enum(["PENDING", "APPROVED", "REJECTED", "REVOKED", "EXPIRED"]).meta({
      description:
        "APPROVED settles the open item until expiresAt (an APPROVED waiver past expiresAt is treated as EXPIRED at once, before the job runner marks it).",
    }),
    reason: z.string(),
    control: z.string().meta({ description: "The compensating control or a ticket link." }),
    expiresAt: instant,
    requestedBy: person,
    requestedAt: instant,
    requiredApprovals: z.number().int().meta({ description: "2 for a CRITICAL item, else 1." }),
    approvals: z.array(z.object({ reviewer: person, comment: z.string(), createdAt: instant })),
    decidedBy: person.nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: "Waiver" });

type ChecklistItemShape = {
  id: string;
  key: string;
  text: string;
  details: string | null;
  children: ChecklistItemShape[];
  state: z.infer<typeof itemStateResponse> | null;
  waiver: z.infer<typeof waiverResponse> | null;
};
export const checklistItemResponse: z.ZodType<ChecklistItemShape> = z
  .object({
    id: z.string(),
    key: z.string().meta({
      description:
        "The item's key: the same item in every template version (its id changes when the deployment moves to a newer version).",
    }),
    text: z.string().meta({ description: "The item, as inline Markdown." }),
    details: z.string().nullable().meta({
      description:
        "Markdown under the item in its template that is not a box (notes, links, sub-steps); null when none.",
    }),
    get children() {
      return z.array(checklistItemResponse);
    },
    state: itemStateResponse
      .nullable()
      .meta({ description: "Leaves have a state; a parent is done when its children are." }),
    waiver: waiverResponse
      .nullable()
      .meta({ description: "The item's current waiver (pending, approved or expired); null when none." }),
  })
  .meta({ id: "ChecklistItem" });

export const checklistResponse = z
  .object({
    deployment: z.object({
      id: z.string(),
      service: z.string(),
      environment: z.string(),
      version: z.string(),
      status: z.enum(deploymentStatuses),
      targetDate: z.string().nullable(),
      owner: person,
      updatedAt: instant,
      description: z.string().nullable(),
      releaseRef: z.string().nullable().meta({ description: "Commit SHA or tag the release ships." }),
      pipelineRunUrl: z.string().nullable(),
      deployedAt: instant.nullable(),
      cancelledAt: instant.nullable(),
      cancelReason: z.string().nullable(),
    }),
    template: z.object({
      id: z.string(),
      name: z.string(),
      versionNumber: z.number().int(),
      latestVersionNumber: z.number().int(),
      allowCriticalWaivers: z.boolean(),
      highBlocksGate: z.boolean().meta({ description: "Open HIGH items block the gate (OPEN_HIGH_ITEMS)." }),
    }),
    waivers: z.array(waiverResponse).meta({ description: "Every waiver of the deployment, newest first." }),
    sections: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        priority: z.enum(["CRITICAL", "HIGH", "RECOMMENDED"]).nullable(),
        items: z.array(checklistItemResponse),
      }),
    ),
    readiness: readinessResponse,
    verification: verificationResponse,
    digest: z.string().meta({
      description:
        "sha256 of the pre-deployment item states (digest algorithm v2): what an approval of this checklist approves.",
    }),
    signOff: z.object({
      requiredApprovals: z.number().int(),
      reviewIntervalDays: z.number().int(),
      requiredGroups: z
        .array(z.string())
        .meta({ description: "Reviewer groups the version needs an approval from, each by a different person." }),
      unmetGroups: z.array(z.string()).meta({ description: "Of those, the groups no standing approval covers yet." }),
      approvals: z.array(
        z.object({
          id: z.string(),
          reviewer: person,
          createdAt: instant,
          comment: z.string(),
          nextReviewAt: instant.nullable(),
          groups: z.array(z.string()).meta({ description: "The groups the reviewer was in when approving." }),
        }),
      ),
      rejection: z.object({ reviewer: z.string(), createdAt: instant, comment: z.string() }).nullable(),
      invalidation: z.object({ by: z.string().nullable(), at: instant, reason: z.string() }).nullable(),
      footer: z.object({ reviewedBy: z.string().nullable(), lastUpdated: instant, nextReview: instant.nullable() }),
      contributors: z
        .array(
          z.object({
            user: person,
            summary: z.object({
              created: z.boolean(),
              owner: z.boolean(),
              ownerSet: z.boolean(),
              status: z.number().int(),
              naReason: z.number().int(),
              note: z.number().int(),
              evidence: z.number().int(),
              waivers: z.number().int(),
            }),
          }),
        )
        .meta({
          description:
            "Who worked on the deployment (the contribution record; item counts are distinct items). None of them may approve it.",
        }),
    }),
  })
  .meta({ id: "Checklist" });

export const gateReasonCodes = [
  "OPEN_CRITICAL_ITEMS",
  "OPEN_HIGH_ITEMS",
  "WAIVER_EXPIRED",
  "WAIVER_PENDING",
  "NOT_SUBMITTED",
  "MISSING_APPROVALS",
  "SIGNOFF_INVALIDATED",
  "REJECTED",
  "REVIEW_EXPIRED",
  "CANCELLED",
] as const;
export type GateReasonCode = (typeof gateReasonCodes)[number];

/** A move the state machine refuses (409): `reasons` are the gate's when DEPLOYED was refused. */
export const transitionRefusedBody = errorBody
  .extend({
    code: z.literal("TRANSITION_NOT_ALLOWED"),
    reasons: z.array(z.object({ code: z.enum(gateReasonCodes), message: z.string() })).optional(),
    fields: z
      .array(z.string())
      .optional()
      .meta({ description: "The fields a deployed or cancelled deployment no longer lets change." }),
  })
  .meta({
    id: "TransitionRefused",
    example: {
      error:
        "This deployment is ready for review. Only a signed-off deployment whose gate is open can be marked deployed.",
      code: "TRANSITION_NOT_ALLOWED",
      reasons: [{ code: "MISSING_APPROVALS", message: "0 of 1 required approval(s) given." }],
    },
  });

/** A deployment's head after a PATCH. */
export const deploymentHeadResponse = z
  .object({
    id: z.string(),
    service: z.string(),
    environment: z.string(),
    version: z.string(),
    status: z.enum(deploymentStatuses),
    targetDate: z.string().nullable().meta({ description: "YYYY-MM-DD", example: "2026-12-15" }),
    owner: person,
    description: z.string().nullable(),
    releaseRef: z.string().nullable().meta({ description: "Commit SHA or tag.", example: "v2.4.0" }),
    pipelineRunUrl: z.string().nullable(),
    submittedAt: instant.nullable(),
    deployedAt: instant.nullable(),
    cancelledAt: instant.nullable(),
    cancelReason: z.string().nullable(),
    updatedAt: instant,
  })
  .meta({ id: "DeploymentHead" });

export const gateReadyResponse = z
  .object({
    ready: z.literal(true),
    deploymentId: z.string(),
    status: z.enum(["SIGNED_OFF", "DEPLOYED"]),
    signedOffAt: instant.meta({ description: "When the last approval that completed the sign-off was given." }),
    approvals: z.array(z.object({ reviewer: person, approvedAt: instant, comment: z.string() })),
    requiredApprovals: z.number().int(),
    nextReviewAt: instant
      .nullable()
      .meta({ description: "The earliest next-review date among the approvals; after it the gate closes." }),
    digest: z.string().meta({ description: "sha256 of the pre-deployment item states (digest algorithm v2)." }),
  })
  .meta({ id: "GateReady" });

export const gateNotReadyResponse = z
  .object({
    ready: z.literal(false),
    deploymentId: z.string(),
    status: z.enum(deploymentStatuses),
    error: z.string().meta({ example: "Deployment is not ready: 2 critical item(s) are open." }),
    reasons: z
      .array(z.object({ code: z.enum(gateReasonCodes), message: z.string() }))
      .min(1)
      .meta({ example: [{ code: "OPEN_CRITICAL_ITEMS", message: "2 critical item(s) are open." }] }),
  })
  .meta({ id: "GateNotReady" });

export const auditEventResponse = z
  .object({
    id: z.string().meta({ description: "Increasing; events are returned newest first." }),
    createdAt: instant,
    actorId: z.string().nullable(),
    actorLabel: z
      .string()
      .nullable()
      .meta({ description: "e.g. `api-token:<tokenId>` for writes made with a token, `system` for background work." }),
    actor: z.object({ name: z.string(), email: z.string() }).nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: "AuditEvent" });

export const auditPageResponse = z
  .object({
    events: z.array(auditEventResponse),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null on the last page." }),
  })
  .meta({ id: "AuditPage" });

export const approvalResponse = z
  .object({ signedOff: z.boolean(), approvals: z.number().int(), required: z.number().int() })
  .meta({ id: "ApprovalResult" });

export const overviewResponse = z
  .object({
    counts: z
      .object({
        active: z.number().int().meta({ description: "Active deployments matching the filters: the list's total." }),
        clearedToShip: z
          .number()
          .int()
          .meta({ description: "Signed off, and the gate (GET /api/v1/deployments/{id}/gate) would answer 200." }),
        awaitingSignOff: z
          .number()
          .int()
          .meta({ description: "Submitted, waiting for a reviewer (status=READY_FOR_REVIEW)." }),
        blocked: z
          .number()
          .int()
          .meta({ description: "Verdict No-go: a critical pre-deployment item is open (verdict=NO_GO)." }),
        missedTarget: z.number().int().meta({
          description:
            "Not deployed or cancelled, target date before today in the organisation's time zone (target=missed).",
        }),
        reviewDue: z
          .number()
          .int()
          .meta({ description: "A standing sign-off's next review is within 14 days or past (signoff=due)." }),
        deployedVerificationOpen: z
          .number()
          .int()
          .meta({ description: "Deployed releases with post-deployment verification still open (verification=open)." }),
        templatesDue: z
          .number()
          .int()
          .meta({ description: "Templates whose next review is within 14 days or past; not narrowed by the filters." }),
        overdueMaintenance: z
          .number()
          .int()
          .meta({ description: "Maintenance lists past their due date, not completed; not narrowed by the filters." }),
      })
      .meta({
        description:
          "Each deployment count is the total this endpoint's `deployments` would report with the same query plus the card's filter (in parentheses): active deployments only unless a filter chooses statuses (status, verification, signoff).",
      }),
    deployments: deploymentPageResponse,
    facets: z
      .object({
        services: z.array(z.string()),
        environments: z.array(z.string()),
        owners: z.array(z.object({ id: z.string(), name: z.string() })),
      })
      .meta({ description: "The values the filters offer: services, environments and owners that have deployments." }),
  })
  .meta({ id: "Overview" });

const dsseEnvelope = z
  .object({
    payloadType: z.string().meta({ example: "application/vnd.in-toto+json" }),
    payload: z.string().meta({ description: "The in-toto Statement v1, base64." }),
    signatures: z.array(z.object({ keyid: z.string(), sig: z.string() })),
  })
  .meta({ id: "DsseEnvelope" });

export const attestationResponse = dsseEnvelope;

export const attestationsResponse = z
  .object({
    attestations: z.array(
      z.object({
        signOffId: z.string(),
        reviewer: person,
        approvedAt: instant,
        keyid: z.string(),
        invalidatedAt: instant
          .nullable()
          .meta({ description: "Set when the approval was withdrawn: it still verifies, it no longer stands." }),
        invalidationReason: z.string().nullable(),
        envelope: dsseEnvelope,
      }),
    ),
  })
  .meta({ id: "Attestations" });

export const attestationKeysResponse = z
  .object({
    keys: z.array(
      z.object({
        id: z.string().meta({
          description:
            "The key id in DSSE envelopes: ed25519: and the first 16 hex digits of sha256 over the SPKI DER.",
          example: "ed25519:3f9a0c1d2e4b5a69",
        }),
        publicKeyPem: z.string().meta({ description: "The Ed25519 public key, SPKI PEM." }),
        createdAt: z.iso.datetime(),
        retiredAt: z.iso
          .datetime()
          .nullable()
          .meta({ description: "When a newer key replaced it; it still verifies what it signed before." }),
      }),
    ),
  })
  .meta({ id: "AttestationKeys" });
