// The state machine against the database, table-driven: every event from every status,
// through the real domain function each event stands for. An allowed move lands on the
// status lifecycle.ts names, writes its audit event and queues its webhook event (or
// none); a refused one is a 409 TRANSITION_NOT_ALLOWED that changes nothing. Then who may
// make each move, per role, and which field edits withdraw a sign-off.
import { beforeAll, describe, expect, it } from "vitest";
import { gateReasonCodes } from "@/lib/api/v1/schemas";
import { can, type Actor } from "@/lib/auth/policy";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import {
  canTransition,
  deploymentStatuses,
  isFinal,
  nextStatus,
  transitions,
  type DeploymentStatus,
  type LifecycleEvent,
} from "@/lib/deployments/lifecycle";
import {
  cancelDeployment,
  deleteDraft,
  deployDeployment,
  editDeployment,
  reopenDeployment,
  withdrawFromReview,
} from "@/lib/deployments/transitions";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { AppError } from "@/lib/errors";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { webhookEvents } from "@/lib/webhooks/events";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

process.env.AUTH_SECRET ??= "lifecycle-test-secret-0123456789abcdef0123";

const prisma = useTestPrisma();
const roles = ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const;
type Role = (typeof roles)[number];
const criticalItems = ["Database password", "API keys", "Backups verified"];

let versionId: string;
let webhookId: string;
let owner: Actor;
let reviewer: Actor;
let admin: Actor;
const users = {} as Record<Role, Actor>;

beforeAll(async () => {
  versionId = (await importSmallTemplate(prisma)).versionId;
  owner = await createTestUser(prisma, "ENGINEER");
  reviewer = await createTestUser(prisma, "REVIEWER");
  admin = await createTestUser(prisma, "ADMIN");
  for (const role of roles) users[role] = await createTestUser(prisma, role);
  webhookId = (
    await prisma.webhook.create({
      data: {
        url: `http://127.0.0.1:9/${uniqueKey("lifecycle")}`,
        events: webhookEvents,
        secret: encryptSecret(generateWebhookSecret()),
        createdById: admin.id,
      },
    })
  ).id;
});

// ---- Reaching a status --------------------------------------------------------------------

async function leaf(deploymentId: string, text: string) {
  const found = leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items)).find(
    (l) => l.text === text,
  )!;
  return { itemId: found.id, version: found.state!.version };
}

async function tick(deploymentId: string, text: string, status: "DONE" | "OPEN" = "DONE") {
  await updateItemState(owner, { deploymentId, ...(await leaf(deploymentId, text)), status });
}

const digestOf = async (deploymentId: string) => (await getChecklist(deploymentId))!.digest;

/**
 * A deployment of the shared template brought to `status` with the real domain functions,
 * owned by an engineer. With `criticalsSettled`, a DRAFT has its critical items done: no use
 * case reaches that (the first tick starts it), so only that is set up with a direct update.
 */
async function deploymentAt(status: DeploymentStatus, options: { criticalsSettled?: boolean } = {}) {
  const { id } = await createDeployment(owner, {
    service: uniqueKey("life"),
    environment: "prod",
    version: "1.0.0",
    templateVersionId: versionId,
  });
  if (status === "DRAFT") {
    if (options.criticalsSettled)
      await prisma.itemState.updateMany({
        where: { deploymentId: id, item: { text: { in: criticalItems } } },
        data: { status: "DONE" },
      });
    return id;
  }
  if (status === "IN_PROGRESS" || status === "CANCELLED") {
    if (options.criticalsSettled || status === "CANCELLED") for (const text of criticalItems) await tick(id, text);
    // Not the item the `change` event ticks: a change that changes nothing writes nothing.
    else await tick(id, "Runbook linked");
    if (status === "CANCELLED") await cancelDeployment(admin, { deploymentId: id, reason: "Postponed" });
    return id;
  }
  for (const text of criticalItems) await tick(id, text);
  await submitForReview(owner, { deploymentId: id });
  if (status === "READY_FOR_REVIEW") return id;
  if (status === "REJECTED") {
    await rejectDeployment(reviewer, { deploymentId: id, comment: "Not yet" });
    return id;
  }
  await approveDeployment(reviewer, { deploymentId: id, comment: "ok", digest: await digestOf(id) });
  if (status === "DEPLOYED") await deployDeployment(admin, { deploymentId: id });
  return id;
}

// ---- What each event does -----------------------------------------------------------------

/** Each event as the use case that makes it, called by `actor`. */
const run: Record<LifecycleEvent, (actor: Actor, deploymentId: string) => Promise<unknown>> = {
  // A high-priority item: the criticals stay as they were, so the target is predictable.
  change: async (actor, id) =>
    updateItemState(actor, { deploymentId: id, ...(await leaf(id, "Alerts configured")), status: "DONE" }),
  submit: (actor, id) => submitForReview(actor, { deploymentId: id }),
  signOff: async (actor, id) =>
    approveDeployment(actor, { deploymentId: id, comment: "ok", digest: await digestOf(id) }),
  reject: (actor, id) => rejectDeployment(actor, { deploymentId: id, comment: "Fix the runbook" }),
  withdraw: (actor, id) => withdrawFromReview(actor, { deploymentId: id }),
  invalidate: (actor, id) => editDeployment(actor, { deploymentId: id, version: `2.0.0-${uniqueKey()}` }),
  deploy: (actor, id) => deployDeployment(actor, { deploymentId: id, pipelineRunUrl: "https://ci.example.com/run/1" }),
  cancel: (actor, id) => cancelDeployment(actor, { deploymentId: id, reason: "Postponed to next week" }),
  reopen: (actor, id) => reopenDeployment(actor, { deploymentId: id }),
  delete: (actor, id) => deleteDraft(actor, { deploymentId: id }),
};

const auditAction: Record<LifecycleEvent, string> = {
  change: "item.update",
  submit: "deployment.submit",
  signOff: "signoff.approve",
  reject: "signoff.reject",
  withdraw: "deployment.withdraw",
  invalidate: "deployment.edit",
  deploy: "deployment.deploy",
  cancel: "deployment.cancel",
  reopen: "deployment.reopen",
  delete: "deployment.delete",
};

/** The webhook event a move queues; a change of what was approved only when approvals stood. */
function webhookOf(event: LifecycleEvent, from: DeploymentStatus): WebhookEvent | null {
  switch (event) {
    case "signOff":
      return "DEPLOYMENT_SIGNED_OFF";
    case "reject":
      return "DEPLOYMENT_REJECTED";
    case "deploy":
      return "DEPLOYMENT_DEPLOYED";
    case "cancel":
      return "DEPLOYMENT_CANCELLED";
    case "reopen":
      return "DEPLOYMENT_REOPENED";
    case "change":
    case "invalidate":
      return from === "SIGNED_OFF" ? "SIGNOFF_INVALIDATED" : null;
    default:
      return null;
  }
}

/**
 * What the table says `event` does from `from`: the status it leads to (null: deleted), or
 * "refused". An item change or an edit of what an approval covers is not itself a transition:
 * where none applies it is still made and leaves the status as it is, except on a finished
 * deployment (a deployed one's pre-deployment items and release facts no longer change).
 */
function expectedOutcome(event: LifecycleEvent, from: DeploymentStatus): DeploymentStatus | null | "refused" {
  if (event === "change" || event === "invalidate") {
    if (isFinal(from)) return "refused";
    return canTransition(event, from) ? nextStatus(event, from, true) : from;
  }
  return canTransition(event, from) ? nextStatus(event, from, true) : "refused";
}

/** The statuses from which the event's use case can run at all, for the permission table. */
const fromForPermission: Record<LifecycleEvent, DeploymentStatus> = {
  change: "IN_PROGRESS",
  submit: "IN_PROGRESS",
  signOff: "READY_FOR_REVIEW",
  reject: "READY_FOR_REVIEW",
  withdraw: "READY_FOR_REVIEW",
  invalidate: "SIGNED_OFF",
  deploy: "SIGNED_OFF",
  cancel: "IN_PROGRESS",
  reopen: "CANCELLED",
  delete: "DRAFT",
};

async function snapshot(deploymentId: string) {
  const [deployment, audit, deliveries] = await Promise.all([
    prisma.deployment.findUnique({ where: { id: deploymentId }, select: { status: true } }),
    prisma.auditEvent.findMany({
      where: { OR: [{ entityId: deploymentId }, { after: { path: ["deploymentId"], equals: deploymentId } }] },
      select: { id: true, action: true },
    }),
    prisma.webhookDelivery.findMany({
      where: { webhookId, payload: { path: ["data", "deployment", "id"], equals: deploymentId } },
      select: { id: true, event: true },
    }),
  ]);
  return { status: deployment?.status ?? null, audit, deliveries };
}

function newSince<T extends { id: string | bigint }>(before: T[], after: T[]): T[] {
  const seen = new Set(before.map((row) => row.id));
  return after.filter((row) => !seen.has(row.id));
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the move should be refused").toBeInstanceOf(AppError);
  return error as AppError;
}

const events = [...new Set(transitions.map((t) => t.event))];
const cases = events.flatMap((event) => deploymentStatuses.map((from) => [event, from] as const));

describe("the state machine, every event from every status", () => {
  it("covers every event of the table", () => {
    expect(events.sort()).toEqual(Object.keys(run).sort());
  });

  it.each(cases)("%s from %s", async (event, from) => {
    // Submitting needs every critical item settled; a tick starts a draft, so a DRAFT with
    // settled criticals is set up directly (see deploymentAt).
    const id = await deploymentAt(from, { criticalsSettled: event === "submit" });
    const before = await snapshot(id);
    const expected = expectedOutcome(event, from);

    if (expected === "refused") {
      const error = await refusal(run[event](admin, id));
      expect([error.status, error.details?.code], error.message).toEqual([409, "TRANSITION_NOT_ALLOWED"]);
      if (event === "deploy" && from !== "DEPLOYED") {
        // The gate's own reasons (a deployed deployment passes the gate; the machine refuses it).
        const reasons = error.details!.reasons as { code: string }[];
        expect(reasons.length).toBeGreaterThan(0);
        for (const reason of reasons) expect(gateReasonCodes).toContain(reason.code);
        const expectedCode = { CANCELLED: "CANCELLED", READY_FOR_REVIEW: "MISSING_APPROVALS" }[from as string];
        expect(reasons.map((r) => r.code)).toContain(expectedCode ?? "NOT_SUBMITTED");
      }
      const after = await snapshot(id);
      expect(after.status).toBe(from);
      expect(newSince(before.audit, after.audit)).toEqual([]);
      expect(newSince(before.deliveries, after.deliveries)).toEqual([]);
      return;
    }

    await run[event](admin, id);
    const after = await snapshot(id);
    expect(after.status).toBe(expected);
    expect(newSince(before.audit, after.audit).map((e) => e.action)).toContain(auditAction[event]);
    const webhook = webhookOf(event, from);
    expect(newSince(before.deliveries, after.deliveries).map((d) => d.event)).toEqual(webhook ? [webhook] : []);
  });
});

describe("who may make each move", () => {
  const permissionCases = events.flatMap((event) => roles.map((role) => [event, role] as const));

  it.each(permissionCases)("%s as %s", async (event, role) => {
    const id = await deploymentAt(fromForPermission[event], { criticalsSettled: event === "submit" });
    const permission = transitions.find((t) => t.event === event)!.permission;
    // Deleting a draft is also its owner's or an admin's alone; these actors do not own it.
    const allowed = event === "delete" ? role === "ADMIN" : can(users[role], permission);
    const outcome = run[event](users[role], id);
    if (allowed) {
      await outcome;
      expect((await snapshot(id)).status).toBe(expectedOutcome(event, fromForPermission[event]));
    } else {
      expect((await refusal(outcome)).status).toBe(403);
      expect((await snapshot(id)).status).toBe(fromForPermission[event]);
    }
  });

  it("the owner deletes their own draft; nobody deletes a started one", async () => {
    const draft = await deploymentAt("DRAFT");
    await deleteDraft(owner, { deploymentId: draft });
    expect(await prisma.deployment.findUnique({ where: { id: draft } })).toBeNull();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: draft, action: "deployment.delete" } });
    expect(event.before).toMatchObject({ version: "1.0.0", ownerId: owner.id, status: "DRAFT" });

    const started = await deploymentAt("IN_PROGRESS");
    const error = await refusal(deleteDraft(owner, { deploymentId: started }));
    expect([error.status, error.details?.code]).toEqual([409, "TRANSITION_NOT_ALLOWED"]);
  });
});

// ---- Field edits --------------------------------------------------------------------------

describe("editing a deployment", () => {
  const deliveries = (deploymentId: string, event: WebhookEvent) =>
    prisma.webhookDelivery.count({
      where: { webhookId, event, payload: { path: ["data", "deployment", "id"], equals: deploymentId } },
    });
  const activeApprovals = (deploymentId: string) =>
    prisma.signOff.count({ where: { deploymentId, decision: "APPROVED", invalidatedAt: null } });

  const invalidating = [
    ["owner", async () => ({ ownerId: (await createTestUser(prisma, "ENGINEER")).id })],
    ["version", () => Promise.resolve({ version: "1.0.1" })],
    ["release reference", () => Promise.resolve({ releaseRef: "v1.0.1" })],
  ] as const;

  it.each(invalidating)("a change of %s withdraws an active sign-off", async (_name, change) => {
    const id = await deploymentAt("SIGNED_OFF");
    const result = await editDeployment(owner, { deploymentId: id, ...(await change()) });
    expect(result).toEqual({ invalidated: true });
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect(deployment.status).toBe("READY_FOR_REVIEW");
    expect(await activeApprovals(id)).toBe(0);
    expect(await deliveries(id, "SIGNOFF_INVALIDATED")).toBe(1);
    const checklist = (await getChecklist(id))!;
    expect(checklist.signOff.invalidation?.reason).toMatch(/changed from .+ to /);
  });

  const harmless = [
    ["target date", { targetDate: "2030-01-31" }],
    ["description", { description: "Ships the new invoices page" }],
    ["pipeline link", { pipelineRunUrl: "https://ci.example.com/runs/7" }],
  ] as const;

  it.each(harmless)("a change of %s leaves the sign-off standing", async (_name, change) => {
    const id = await deploymentAt("SIGNED_OFF");
    expect(await editDeployment(owner, { deploymentId: id, ...change })).toEqual({ invalidated: false });
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect(deployment.status).toBe("SIGNED_OFF");
    expect(await activeApprovals(id)).toBe(1);
    expect(await deliveries(id, "SIGNOFF_INVALIDATED")).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "deployment.edit" } });
    const [field] = Object.keys(change);
    expect(Object.keys(audit.after as object)).toEqual([field]);
    expect(Object.keys(audit.before as object)).toEqual([field]);
  });

  it("an edit that changes nothing writes nothing; '' clears an optional field", async () => {
    const id = await deploymentAt("IN_PROGRESS");
    await editDeployment(owner, { deploymentId: id, releaseRef: "abc1234", targetDate: "2030-02-01" });
    const audits = () => prisma.auditEvent.count({ where: { entityId: id, action: "deployment.edit" } });
    expect(await audits()).toBe(1);
    expect(
      await editDeployment(owner, { deploymentId: id, version: "1.0.0", releaseRef: "abc1234", ownerId: owner.id }),
    ).toEqual({ invalidated: false });
    expect(await audits()).toBe(1);
    await editDeployment(owner, { deploymentId: id, releaseRef: "", targetDate: "" });
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect([deployment.releaseRef, deployment.targetDate, deployment.status]).toEqual([null, null, "IN_PROGRESS"]);
  });

  it("refuses a viewer or inactive owner and a release reference with spaces, naming the field", async () => {
    const id = await deploymentAt("IN_PROGRESS");
    const viewer = await createTestUser(prisma, "VIEWER");
    const error = await refusal(editDeployment(owner, { deploymentId: id, ownerId: viewer.id }));
    expect([error.status, error.field]).toEqual([400, "ownerId"]);
    const bad = await refusal(editDeployment(owner, { deploymentId: id, releaseRef: "v1 2" }));
    expect([bad.status, bad.field]).toEqual([400, "releaseRef"]);
    const link = await refusal(editDeployment(owner, { deploymentId: id, pipelineRunUrl: "ftp://x" }));
    expect([link.status, link.field]).toEqual([400, "pipelineRunUrl"]);
  });

  it("after the go-live only the pipeline link and description change; a cancelled one nothing", async () => {
    const id = await deploymentAt("DEPLOYED");
    await editDeployment(owner, {
      deploymentId: id,
      pipelineRunUrl: "https://ci.example.com/runs/9",
      description: "Shipped",
      version: "1.0.0", // unchanged: not an edit
    });
    const deployed = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect([deployed.status, deployed.pipelineRunUrl, deployed.description]).toEqual([
      "DEPLOYED",
      "https://ci.example.com/runs/9",
      "Shipped",
    ]);
    const refused = await refusal(editDeployment(owner, { deploymentId: id, releaseRef: "v9" }));
    expect([refused.status, refused.details?.code]).toEqual([409, "TRANSITION_NOT_ALLOWED"]);

    const cancelled = await deploymentAt("CANCELLED");
    const error = await refusal(editDeployment(owner, { deploymentId: cancelled, description: "x" }));
    expect(error.status).toBe(409);
  });

  it("a reopened or withdrawn deployment's earlier approvals no longer count", async () => {
    const twoNeeded = await deploymentAt("READY_FOR_REVIEW");
    await prisma.templateVersion.update({ where: { id: versionId }, data: { requiredApprovals: 2 } });
    try {
      await approveDeployment(reviewer, { deploymentId: twoNeeded, comment: "one", digest: await digestOf(twoNeeded) });
    } finally {
      await prisma.templateVersion.update({ where: { id: versionId }, data: { requiredApprovals: 1 } });
    }
    expect(await activeApprovals(twoNeeded)).toBe(1);
    await withdrawFromReview(owner, { deploymentId: twoNeeded });
    expect(await activeApprovals(twoNeeded)).toBe(0);

    const signedOff = await deploymentAt("SIGNED_OFF");
    await cancelDeployment(owner, { deploymentId: signedOff, reason: "Freeze" });
    const cancelled = await prisma.deployment.findUniqueOrThrow({ where: { id: signedOff } });
    expect([cancelled.cancelReason, cancelled.cancelledAt]).toEqual(["Freeze", expect.any(Date)]);
    await reopenDeployment(owner, { deploymentId: signedOff });
    const reopened = await prisma.deployment.findUniqueOrThrow({ where: { id: signedOff } });
    expect([reopened.status, reopened.cancelReason, reopened.cancelledAt]).toEqual(["IN_PROGRESS", null, null]);
    expect(await activeApprovals(signedOff)).toBe(0);
    const invalidated = await prisma.signOff.findFirstOrThrow({ where: { deploymentId: signedOff } });
    expect(invalidated.invalidationReason).toBe("Reopened after cancellation");
  });

  it("cancelling needs a reason", async () => {
    const id = await deploymentAt("IN_PROGRESS");
    const error = await refusal(cancelDeployment(owner, { deploymentId: id, reason: "  " }));
    expect([error.status, error.field]).toEqual([400, "reason"]);
  });
});
