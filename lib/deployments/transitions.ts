// A deployment's life after it was created: its fields edited, marked deployed, cancelled,
// reopened, withdrawn from review, or (a draft) deleted. Every status comes from the state
// machine (lifecycle.ts); each change is one transaction under the deployment's lock,
// audited and, for deployed / cancelled / reopened, announced to webhooks in it.
//
// Each use case is a public domain function and a step that runs inside a caller's
// transaction, so the API's PATCH (patch-deployment.ts) applies field edits and a status
// change together or not at all.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { evaluateGate } from "@/lib/api/v1/gate";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { isFinal, nextStatus, statusWords, transitionRefused } from "@/lib/deployments/lifecycle";
import {
  cancelDeploymentSchema,
  deployDeploymentSchema,
  deploymentIdSchema,
  editDeploymentSchema,
  type EditDeploymentInput,
} from "@/lib/deployments/schemas";
import { AppError, invalidField } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { ownerChangeContributions, recordContributions } from "@/lib/signoff/contributions";
import { lockDeployment, withdrawApprovals } from "@/lib/signoff/locked-deployment";
import { deploymentFacts, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

type Tx = Prisma.TransactionClient;

const editableFields = ["targetDate", "version", "ownerId", "description", "releaseRef", "pipelineRunUrl"] as const;
type EditableField = (typeof editableFields)[number];
type FieldValues = Record<EditableField, string | null>;

/** What an approval covers besides the checklist: a change of these invalidates it. */
const coveredByApproval: readonly EditableField[] = ["ownerId", "version", "releaseRef"];
/** What may still change once a release is out: the link to the run that shipped it and the
 * description (a note about the release). The rest is the record of what went live. */
const editableAfterGoLive: readonly EditableField[] = ["pipelineRunUrl", "description"];

const fieldNames: Record<EditableField, string> = {
  targetDate: "target date",
  version: "version",
  ownerId: "owner",
  description: "description",
  releaseRef: "release reference",
  pipelineRunUrl: "pipeline link",
};

// ---- Edit ---------------------------------------------------------------------------------

/**
 * Changes the fields given (a field left out stays, "" clears an optional one). A change of
 * owner, version or release reference invalidates the approvals given so far (back to
 * review, banner, audit, webhook); target date, description and pipeline link never do.
 * A cancelled deployment is not edited (reopen it first); a deployed one only changes its
 * pipeline link and description. An edit that changes nothing writes nothing.
 */
export async function editDeployment(
  actor: Actor | null,
  input: z.input<typeof editDeploymentSchema>,
  options?: DomainOptions,
): Promise<{ invalidated: boolean }> {
  requirePermission(actor, "deployment:edit");
  const data = parseInput(editDeploymentSchema, input);
  return dbOf(options).$transaction((tx) => editInTransaction(tx, actor, data));
}

export async function editInTransaction(
  tx: Tx,
  actor: Actor,
  data: EditDeploymentInput,
): Promise<{ invalidated: boolean }> {
  requirePermission(actor, "deployment:edit");
  const locked = await lockDeployment(tx, data.deploymentId);
  const row = await tx.deployment.findUniqueOrThrow({
    where: { id: data.deploymentId },
    select: {
      targetDate: true,
      version: true,
      ownerId: true,
      description: true,
      releaseRef: true,
      pipelineRunUrl: true,
      owner: { select: { name: true } },
    },
  });
  const current: FieldValues = { ...row, targetDate: row.targetDate?.toISOString().slice(0, 10) ?? null };
  const changed = editableFields.filter((field) => data[field] !== undefined && data[field] !== current[field]);
  if (changed.length === 0) return { invalidated: false };

  if (isFinal(locked.status)) {
    const refused = changed.filter((f) => locked.status !== "DEPLOYED" || !editableAfterGoLive.includes(f));
    if (refused.length > 0) {
      const allowed =
        locked.status === "DEPLOYED"
          ? "only its pipeline link and description can still change"
          : "reopen it to change it";
      throw new AppError(
        "CONFLICT",
        `This deployment is ${statusWords(locked.status)}: ${allowed} (not its ${refused.map((f) => fieldNames[f]).join(", ")}).`,
        { code: "TRANSITION_NOT_ALLOWED", fields: refused },
      );
    }
  }
  const after = Object.fromEntries(changed.map((f) => [f, data[f] ?? null])) as Partial<FieldValues>;
  let newOwnerName: string | undefined;
  if (after.ownerId) {
    const owner = await tx.user.findUnique({
      where: { id: after.ownerId },
      select: { active: true, role: true, name: true },
    });
    if (!owner?.active || owner.role === "VIEWER")
      throw invalidField("ownerId", "The owner must be an active user who can work on deployments.");
    newOwnerName = owner.name;
  }

  await tx.deployment.update({
    where: { id: data.deploymentId },
    data: {
      ...after,
      ...("targetDate" in after
        ? { targetDate: after.targetDate ? new Date(`${after.targetDate}T00:00:00Z`) : null }
        : {}),
    } as Prisma.DeploymentUncheckedUpdateInput,
  });

  if (after.ownerId) await recordContributions(tx, locked.id, actor, ownerChangeContributions(actor.id, after.ownerId));
  let invalidated = false;
  const covered = changed.filter((f) => coveredByApproval.includes(f));
  if (covered.length > 0) {
    const shown = (f: EditableField, value: string | null | undefined) =>
      f === "ownerId" ? (value === current.ownerId ? row.owner.name : newOwnerName) : (value ?? "none");
    const description = covered
      .map((f) => `${capitalize(fieldNames[f])} changed from ${shown(f, current[f])} to ${shown(f, after[f])}`)
      .join("; ");
    const withdrawn = await afterChecklistChange(tx, locked, { actorId: actor.id, description, event: "invalidate" });
    invalidated = withdrawn > 0;
  }
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.edit",
    entityType: "Deployment",
    entityId: locked.id,
    before: Object.fromEntries(changed.map((f) => [f, current[f]])),
    after,
  });
  return { invalidated };
}

// ---- Deploy -------------------------------------------------------------------------------

/** Marks a signed-off deployment deployed, when its gate would answer 200 — decided under
 * the lock, so no change slips in between the gate's verdict and the go-live. A refusal
 * carries the gate's own reason codes. */
export async function deployDeployment(
  actor: Actor | null,
  input: z.input<typeof deployDeploymentSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:deploy");
  const data = parseInput(deployDeploymentSchema, input);
  await dbOf(options).$transaction((tx) => deployInTransaction(tx, actor, data));
}

export async function deployInTransaction(
  tx: Tx,
  actor: Actor,
  data: z.infer<typeof deployDeploymentSchema>,
): Promise<void> {
  requirePermission(actor, "deployment:deploy");
  const locked = await lockDeployment(tx, data.deploymentId);
  const now = new Date();
  const verdict = (await evaluateGate(data.deploymentId, now, { db: tx }))!;
  if (!verdict.ready) throw transitionRefused("deploy", locked.status, verdict.reasons);
  // A deployment already deployed passes the gate; the state machine refuses it.
  const status = nextStatus("deploy", locked.status)!;
  const updated = await tx.deployment.update({
    where: { id: locked.id },
    data: { status, deployedAt: now, ...(data.pipelineRunUrl ? { pipelineRunUrl: data.pipelineRunUrl } : {}) },
    select: { pipelineRunUrl: true, releaseRef: true },
  });
  await enqueueWebhookEvent(
    tx,
    "DEPLOYMENT_DEPLOYED",
    async () => ({
      deployment: await deploymentFacts(tx, locked.id),
      deploy: {
        deployedById: actor.id,
        deployedAt: now.toISOString(),
        releaseRef: updated.releaseRef,
        pipelineRunUrl: updated.pipelineRunUrl,
        previousStatus: locked.status,
      },
    }),
    now,
  );
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.deploy",
    entityType: "Deployment",
    entityId: locked.id,
    before: { status: locked.status },
    after: { status, deployedAt: now.toISOString(), pipelineRunUrl: updated.pipelineRunUrl, digest: verdict.digest },
  });
}

// ---- Cancel and reopen --------------------------------------------------------------------

/** Cancels a deployment that has not gone live, with a reason. Its approvals stay on record
 * (the gate answers CANCELLED); a reopen withdraws them. */
export async function cancelDeployment(
  actor: Actor | null,
  input: z.input<typeof cancelDeploymentSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:edit");
  const data = parseInput(cancelDeploymentSchema, input);
  await dbOf(options).$transaction((tx) => cancelInTransaction(tx, actor, data));
}

export async function cancelInTransaction(
  tx: Tx,
  actor: Actor,
  data: z.infer<typeof cancelDeploymentSchema>,
): Promise<void> {
  requirePermission(actor, "deployment:edit");
  const locked = await lockDeployment(tx, data.deploymentId);
  const status = nextStatus("cancel", locked.status)!;
  const now = new Date();
  await tx.deployment.update({
    where: { id: locked.id },
    data: { status, cancelledAt: now, cancelReason: data.reason },
  });
  await enqueueWebhookEvent(
    tx,
    "DEPLOYMENT_CANCELLED",
    async () => ({
      deployment: await deploymentFacts(tx, locked.id),
      cancellation: { reason: data.reason, cancelledById: actor.id, previousStatus: locked.status },
    }),
    now,
  );
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.cancel",
    entityType: "Deployment",
    entityId: locked.id,
    before: { status: locked.status },
    after: { status, reason: data.reason },
  });
}

/** Takes a cancelled deployment back to work. Approvals given before the cancellation no
 * longer count: it must be reviewed again. */
export async function reopenDeployment(
  actor: Actor | null,
  input: z.input<typeof deploymentIdSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:edit");
  const data = parseInput(deploymentIdSchema, input);
  await dbOf(options).$transaction((tx) => reopenInTransaction(tx, actor, data));
}

export async function reopenInTransaction(
  tx: Tx,
  actor: Actor,
  data: z.infer<typeof deploymentIdSchema>,
): Promise<void> {
  requirePermission(actor, "deployment:edit");
  const locked = await lockDeployment(tx, data.deploymentId);
  const status = nextStatus("reopen", locked.status)!;
  const now = new Date();
  const approvals = await withdrawApprovals(tx, locked.id, {
    actorId: actor.id,
    reason: "Reopened after cancellation",
    at: now,
  });
  await tx.deployment.update({ where: { id: locked.id }, data: { status, cancelledAt: null, cancelReason: null } });
  await enqueueWebhookEvent(
    tx,
    "DEPLOYMENT_REOPENED",
    async () => ({
      deployment: await deploymentFacts(tx, locked.id),
      reopening: { reopenedById: actor.id, approvalsInvalidated: approvals, previousStatus: locked.status },
    }),
    now,
  );
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.reopen",
    entityType: "Deployment",
    entityId: locked.id,
    before: { status: locked.status },
    after: { status, approvalsInvalidated: approvals },
  });
}

// ---- Withdraw from review -----------------------------------------------------------------

/** Takes a deployment out of review, back to work; the approvals given so far are withdrawn.
 * No webhook: nothing that was signed off changes. */
export async function withdrawFromReview(
  actor: Actor | null,
  input: z.input<typeof deploymentIdSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:submit");
  const data = parseInput(deploymentIdSchema, input);
  await dbOf(options).$transaction((tx) => withdrawInTransaction(tx, actor, data));
}

export async function withdrawInTransaction(
  tx: Tx,
  actor: Actor,
  data: z.infer<typeof deploymentIdSchema>,
): Promise<void> {
  requirePermission(actor, "deployment:submit");
  const locked = await lockDeployment(tx, data.deploymentId);
  const status = nextStatus("withdraw", locked.status)!;
  const approvals = await withdrawApprovals(tx, locked.id, { actorId: actor.id, reason: "Withdrawn from review" });
  await tx.deployment.update({ where: { id: locked.id }, data: { status } });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "deployment.withdraw",
    entityType: "Deployment",
    entityId: locked.id,
    before: { status: locked.status },
    after: { status, approvalsInvalidated: approvals },
  });
}

// ---- Delete a draft -----------------------------------------------------------------------

/** Deletes a draft (nothing was done on it yet): its owner or an admin. A deployment that
 * has started is cancelled instead, so its record stays. */
export async function deleteDraft(
  actor: Actor | null,
  input: z.input<typeof deploymentIdSchema>,
  options?: DomainOptions,
): Promise<void> {
  requirePermission(actor, "deployment:edit");
  const { deploymentId } = parseInput(deploymentIdSchema, input);
  await dbOf(options).$transaction(async (tx) => {
    const locked = await lockDeployment(tx, deploymentId);
    if (locked.ownerId !== actor.id && actor.role !== "ADMIN")
      throw new AppError("FORBIDDEN", "Only the deployment's owner or an admin can delete a draft.");
    nextStatus("delete", locked.status);
    const facts = await tx.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: {
        service: true,
        environment: true,
        version: true,
        status: true,
        ownerId: true,
        targetDate: true,
        description: true,
        releaseRef: true,
        templateVersionId: true,
        createdAt: true,
      },
    });
    await tx.itemState.deleteMany({ where: { deploymentId } });
    await tx.deployment.delete({ where: { id: deploymentId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deployment.delete",
      entityType: "Deployment",
      entityId: deploymentId,
      before: {
        ...facts,
        targetDate: facts.targetDate?.toISOString().slice(0, 10) ?? null,
        createdAt: facts.createdAt.toISOString(),
      },
    });
  });
}

// ---- Steps --------------------------------------------------------------------------------

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
