// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the domain and read
// functions parse with (through lib/api/v1/schemas.ts). Served as JSON and rendered by
// /api-docs.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { z } from "zod";
import {
  ambiguousTemplateBody,
  approvalBody,
  approvalResponse,
  attestationKeysResponse,
  attestationResponse,
  attestationsResponse,
  auditPageResponse,
  auditQuery,
  checklistResponse,
  createDeploymentBody,
  createdResponse,
  deploymentFiltersQuery,
  deploymentHeadResponse,
  deploymentPageResponse,
  errorBody,
  gateNotReadyResponse,
  gateReadyResponse,
  itemConflictBody,
  itemStatePatchBody,
  itemStateResponse,
  overviewResponse,
  patchDeploymentBody,
  rateLimitedBody,
  transitionRefusedBody,
  templateListResponse,
} from "@/lib/api/v1/schemas";

const jsonContent = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...jsonContent(errorBody) });

/** Write endpoints read JSON only; a body declared as a form or any other format is refused. */
const notJson = error("The body is declared as something other than JSON (send Content-Type: application/json).");

/** Every /api/v1 endpoint counts requests per minute per token and per client address. */
const rateLimited = {
  description:
    "Too many requests this minute from this token or address (API_RATE_LIMIT, default 600; the gate has its own, GATE_RATE_LIMIT, default 6000). Retry after the seconds Retry-After gives.",
  headers: z.object({
    "Retry-After": z.number().int().min(1).meta({ description: "Seconds until the window ends.", example: 17 }),
  }),
  ...jsonContent(rateLimitedBody),
};

const common = {
  "429": rateLimited,
  "401": error("No token or session, or the token is malformed, unknown, revoked, expired or its user deactivated."),
  "403": error("The token's scopes or the caller's role do not allow this."),
} satisfies ZodOpenApiResponsesObject;

const deploymentId = z.object({
  id: z.string().meta({ description: "The deployment's id.", example: "cmabc123deployment" }),
});

const operations = {
  listDeployments: {
    summary: "List deployments",
    description: "Deployments with their readiness, filtered like the overview, 25 a page. Scope READ.",
    tags: ["Deployments"],
    requestParams: { query: deploymentFiltersQuery },
    responses: {
      "200": { description: "A page of deployments.", ...jsonContent(deploymentPageResponse) },
      "400": error("A query parameter is invalid; `field` names it."),
      ...common,
    },
  },
  createDeployment: {
    summary: "Create a deployment",
    description:
      "Starts a checklist from a template version (`templateVersionId`) or from a template's latest version (`template`: its id, slug or exact name); the owner defaults to the token's user. Scope WRITE; role permission deployment:create.",
    tags: ["Deployments"],
    requestBody: jsonContent(createDeploymentBody),
    responses: {
      "201": { description: "Created.", ...jsonContent(createdResponse) },
      "400": error(
        "The body is invalid (including both or neither of `templateVersionId` and `template`); `field` names the first bad field.",
      ),
      "404": error("The template version, or the template, does not exist (archived templates are not found)."),
      "409": {
        description: "`template` is a name several templates have; `candidates` lists them.",
        ...jsonContent(ambiguousTemplateBody),
      },
      "413": error("The body is larger than 100 kB."),
      "415": notJson,
      ...common,
    },
  },
  getDeployment: {
    summary: "Read a deployment's checklist",
    description:
      "Sections, the item tree with each leaf's state and version, readiness, the digest and the sign-off. Scope READ.",
    tags: ["Deployments"],
    requestParams: { path: deploymentId },
    responses: {
      "200": { description: "The checklist.", ...jsonContent(checklistResponse) },
      "404": error("No such deployment."),
      ...common,
    },
  },
  patchDeployment: {
    summary: "Edit a deployment or move its status",
    description:
      "Field edits (target date, version, owner, description, release reference, pipeline link) and one status move, in one transaction: a refused move leaves the edits unwritten. READY_FOR_REVIEW submits (deployment:submit); DEPLOYED marks it deployed when the gate would answer 200 (deployment:deploy; only `pipelineRunUrl` may be sent with it); CANCELLED needs `reason` (deployment:edit); IN_PROGRESS reopens a cancelled deployment (deployment:edit) or withdraws one from review (deployment:submit). Edits need deployment:edit; an owner, version or release-reference change withdraws the approvals given so far. A token does what its user's role may: a MANAGER's WRITE token cannot deploy. Scope WRITE.",
    tags: ["Deployments"],
    requestParams: { path: deploymentId },
    requestBody: jsonContent(patchDeploymentBody),
    responses: {
      "200": { description: "The deployment's head as it is now.", ...jsonContent(deploymentHeadResponse) },
      "400": error(
        "The body is invalid (an unknown field, nothing to change, a field sent with DEPLOYED, CANCELLED without `reason`); `field` names the first bad field.",
      ),
      "404": error("No such deployment."),
      "409": {
        description:
          "The state machine refuses the move (`code` TRANSITION_NOT_ALLOWED); a refused DEPLOYED carries the gate's `reasons`. Also: a deployed or cancelled deployment's release facts no longer change (`fields`).",
        ...jsonContent(transitionRefusedBody),
      },
      "413": error("The body is larger than 100 kB."),
      "415": notJson,
      ...common,
    },
  },
  deleteDraft: {
    summary: "Delete a draft",
    description:
      "Deletes a deployment nobody has worked on yet (DRAFT), audited. Its owner or an admin only (role permission deployment:edit besides); cancel a started one instead. Scope WRITE.",
    tags: ["Deployments"],
    requestParams: { path: deploymentId },
    responses: {
      "204": { description: "Deleted." },
      "403": error(
        "The token's scopes or the caller's role do not allow this, or the caller neither owns the draft nor is an admin.",
      ),
      "404": error("No such deployment."),
      "409": { description: "Not a draft.", ...jsonContent(transitionRefusedBody) },
      "401": common["401"],
      "429": rateLimited,
    },
  },
  updateItemState: {
    summary: "Change one checklist item",
    description:
      "Tick, mark not applicable (with a reason), reopen, annotate or assign. Send the `version` you read; if someone changed the item since, the answer is 409 with `current`. Any change invalidates a sign-off. Scope WRITE; role permission item:update (item:assign to assign).",
    tags: ["Deployments"],
    requestParams: {
      path: deploymentId.extend({
        itemId: z.string().meta({ description: "The item's id (from the checklist).", example: "cmabc123item" }),
      }),
    },
    requestBody: jsonContent(itemStatePatchBody),
    responses: {
      "200": { description: "The item's new state, with its new version.", ...jsonContent(itemStateResponse) },
      "400": error("The body is invalid; `field` names the first bad field."),
      "404": error("No such deployment or item."),
      "409": {
        description: "A stale version (with `current`), or the deployment is closed.",
        ...jsonContent(itemConflictBody),
      },
      "413": error("The body is larger than 100 kB."),
      "415": notJson,
      ...common,
    },
  },
  getGate: {
    summary: "Ask the deployment gate",
    description:
      "For a pipeline step: 200 only when the deployment is signed off and its sign-off still stands, otherwise 409 with every reason. Scope GATE (READ and WRITE include it).",
    tags: ["Gate"],
    requestParams: { path: deploymentId },
    responses: {
      "200": { description: "Ready to deploy.", ...jsonContent(gateReadyResponse) },
      "409": { description: "Not ready; `reasons` says why.", ...jsonContent(gateNotReadyResponse) },
      "404": error("No such deployment."),
      ...common,
    },
  },
  getAttestation: {
    summary: "The attestation of the sign-off that stands",
    description:
      "A DSSE envelope holding an in-toto Statement v1 signed with the key its keyid names (see /api/v1/attestation-keys); verify it offline with `npm run cli -- attestation verify`. 409 NO_ATTESTATION when no attested sign-off stands. Scope READ.",
    tags: ["Attestations"],
    requestParams: { path: deploymentId },
    responses: {
      "200": { description: "The envelope.", ...jsonContent(attestationResponse) },
      "409": error("No attested sign-off stands; the message says why."),
      "404": error("No such deployment."),
      ...common,
    },
  },
  listAttestations: {
    summary: "Every attestation of a deployment",
    description:
      "Newest first; withdrawn approvals are marked and still verify against their own record.json. Scope READ.",
    tags: ["Attestations"],
    requestParams: { path: deploymentId },
    responses: {
      "200": { description: "The attestations.", ...jsonContent(attestationsResponse) },
      "404": error("No such deployment."),
      ...common,
    },
  },
  approveDeployment: {
    summary: "Approve a deployment (session only)",
    description:
      "A reviewer who does not own the deployment approves it while it is in review. A sign-off is a person's judgement: API tokens get 403; use the browser session (same-origin).",
    tags: ["Deployments"],
    security: [],
    requestParams: { path: deploymentId },
    requestBody: jsonContent(approvalBody),
    responses: {
      "201": { description: "Approved; `signedOff` once enough reviewers approved.", ...jsonContent(approvalResponse) },
      "400": error("The body is invalid; `field` names the first bad field."),
      "404": error("No such deployment."),
      "409": error(
        "Not in review, already approved by you, or the checklist changed since you looked (digest mismatch).",
      ),
      "415": notJson,
      ...common,
    },
  },
  listTemplates: {
    summary: "List templates",
    description:
      "Every template that is not archived, by name, with its latest version: what `template` in POST /api/v1/deployments stands for. Scope READ.",
    tags: ["Templates"],
    responses: {
      "200": { description: "The templates.", ...jsonContent(templateListResponse) },
      ...common,
    },
  },
  getOverview: {
    summary: "Read the overview",
    description:
      "The overview page's data: the counts, the first page of active deployments with the same filters, and the values the filters offer. Scope READ.",
    tags: ["Overview"],
    requestParams: { query: deploymentFiltersQuery },
    responses: {
      "200": { description: "Counts and deployments.", ...jsonContent(overviewResponse) },
      "400": error("A query parameter is invalid; `field` names it."),
      ...common,
    },
  },
  readAuditLog: {
    summary: "Read the audit log",
    description:
      "Every recorded change, newest first, filtered; pass `nextCursor` as `cursor` for older events. Scope READ; role permission audit:read (admins, managers).",
    tags: ["Audit"],
    requestParams: { query: auditQuery },
    responses: {
      "200": { description: "A page of events.", ...jsonContent(auditPageResponse) },
      "400": error("A query parameter is invalid; `field` names it."),
      ...common,
    },
  },
} satisfies Record<string, ZodOpenApiOperationObject>;

export function openApiDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Preflight API",
      version: "1",
      description:
        'Read deployments and their checklists, create deployments, change item states, read the audit log, and ask the deployment gate. Authenticate with `Authorization: Bearer <token>` (tokens are created by admins on Admin → API tokens, or with `npm run cli -- token create`; each speaks for one user) or, in the browser, with your session. Errors are JSON: `{ "error": "<field>: <message>", "field": "<path>" }`.',
    },
    servers: [{ url: "/", description: "This Preflight instance" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An API token: pf_ followed by 43 characters. Scopes: GATE ⊂ READ ⊂ WRITE.",
        },
      },
    },
    paths: {
      "/api/v1/deployments": {
        get: { operationId: "listDeployments", ...operations.listDeployments },
        post: { operationId: "createDeployment", ...operations.createDeployment },
      },
      "/api/v1/deployments/{id}": {
        get: { operationId: "getDeployment", ...operations.getDeployment },
        patch: { operationId: "patchDeployment", ...operations.patchDeployment },
        delete: { operationId: "deleteDraft", ...operations.deleteDraft },
      },
      "/api/v1/deployments/{id}/items/{itemId}": {
        patch: { operationId: "updateItemState", ...operations.updateItemState },
      },
      "/api/v1/deployments/{id}/approvals": {
        post: { operationId: "approveDeployment", ...operations.approveDeployment },
      },
      "/api/v1/deployments/{id}/gate": { get: { operationId: "getGate", ...operations.getGate } },
      "/api/v1/deployments/{id}/attestation": { get: { operationId: "getAttestation", ...operations.getAttestation } },
      "/api/v1/deployments/{id}/attestations": {
        get: { operationId: "listAttestations", ...operations.listAttestations },
      },
      "/api/v1/templates": { get: { operationId: "listTemplates", ...operations.listTemplates } },
      "/api/v1/overview": { get: { operationId: "getOverview", ...operations.getOverview } },
      "/api/v1/audit": { get: { operationId: "readAuditLog", ...operations.readAuditLog } },
      "/api/v1/attestation-keys": {
        get: {
          operationId: "listAttestationKeys",
          summary: "List the attestation signing keys",
          description:
            "The public keys sign-off attestations (in-toto statements in DSSE envelopes) are signed with: the current one and every retired one, so attestations signed before a rotation still verify. No authentication needed.",
          tags: ["Meta"],
          security: [],
          responses: {
            "200": { description: "The public keys, oldest first.", ...jsonContent(attestationKeysResponse) },
            "429": rateLimited,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          description: "No authentication needed.",
          tags: ["Meta"],
          security: [],
          responses: { "200": { description: "The OpenAPI 3.1 document." }, "429": rateLimited },
        },
      },
    },
  });
}
