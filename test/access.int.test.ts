// Access by crafted ids: the authorization matrix checks role → allowed
// with made-up ids; this file checks ownership and scoping with REAL rows. Whatever ids a
// caller puts together, it can never read or change what the policy does not allow, and
// every refusal leaves the database exactly as it was.
//
// The session is faked one level lower than in the matrix: next-auth's cookie decoding
// returns { user.id, tokenVersion, sid }, and the real lib/auth/session re-reads the user row on
// every call, so deactivation, role changes and password resets are tested end to end
// (lib/auth/session.int.test.ts covers the session functions themselves).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { readAuditLog } from "@/lib/api/v1/audit-log";
import { auditQuery } from "@/lib/api/v1/schemas";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { createSchedule } from "@/lib/maintenance/create-schedule";
import { finishProcedureRun } from "@/lib/procedures/finish-run";
import { startProcedureRun } from "@/lib/procedures/start-run";
import { skipStep } from "@/lib/procedures/update-step";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { listUsers } from "@/lib/users/list-users";
import { createWebhook } from "@/lib/webhooks/manage";
import { getWebhook, listDeliveries, listWebhooks } from "@/lib/webhooks/queries";
import { smallChecklistMarkdown } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string }; tokenVersion: number; sid: string },
}));
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(session.current) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const deploymentActions = () => import("@/app/(app)/deployments/actions");
const maintenanceActions = () => import("@/app/(app)/maintenance/actions");
const procedureActions = () => import("@/app/(app)/procedures/actions");
const adminActions = () => import("@/app/(app)/admin/actions");
const webhookActions = () => import("@/app/(app)/admin/webhooks/actions");
const tokenActions = () => import("@/app/(app)/admin/tokens/actions");
const v1 = {
  deployments: () => import("@/app/api/v1/deployments/route"),
  deployment: () => import("@/app/api/v1/deployments/[id]/route"),
  item: () => import("@/app/api/v1/deployments/[id]/items/[itemId]/route"),
  gate: () => import("@/app/api/v1/deployments/[id]/gate/route"),
  approvals: () => import("@/app/api/v1/deployments/[id]/approvals/route"),
  audit: () => import("@/app/api/v1/audit/route"),
  overview: () => import("@/app/api/v1/overview/route"),
  templates: () => import("@/app/api/v1/templates/route"),
};

const prisma = useTestPrisma();

const roles = ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const;
type Role = (typeof roles)[number];
type TestUser = { id: string; role: Role; name: string };
type Scope = "READ" | "WRITE" | "GATE";
const nonAdmins = roles.filter((role) => role !== "ADMIN");

/** The template of every fixture: the small checklist plus a two-step procedure. */
const markdown = (title: string) =>
  smallChecklistMarkdown(title).replace(
    "**Next Review**",
    "## Incident response\n1. Page the on-call engineer\n2. Roll back the release\n\n**Next Review**",
  );

/** Signs the user in as the browser would be: the JWT carries the tokenVersion of sign-in time. */
async function signIn(user: { id: string } | null) {
  if (!user) return void (session.current = null);
  const { tokenVersion } = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { tokenVersion: true },
  });
  session.current = { user: { id: user.id }, tokenVersion, sid: crypto.randomUUID() };
}

function statusOf(result: ActionResult<unknown> | Response): number {
  if (result instanceof Response) return result.status;
  return result.ok ? 200 : result.status;
}

function request(path: string, options: { token?: string; method?: string; body?: unknown } = {}): Request {
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Request(`http://localhost${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}
const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });

const patchItem = async (deploymentId: string, itemId: string, body: unknown, token?: string) =>
  (await v1.item()).PATCH(
    request(`/api/v1/deployments/${deploymentId}/items/${itemId}`, { token, method: "PATCH", body }),
    params({ id: deploymentId, itemId }),
  );
const postDeployment = async (body: unknown, token?: string) =>
  (await v1.deployments()).POST(request("/api/v1/deployments", { token, body }));
const postApproval = async (deploymentId: string, body: unknown, token?: string) =>
  (await v1.approvals()).POST(
    request(`/api/v1/deployments/${deploymentId}/approvals`, { token, body }),
    params({ id: deploymentId }),
  );

/** Everything a refused write could have touched on a deployment. */
async function deploymentSnapshot(id: string) {
  return prisma.deployment.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      ownerId: true,
      templateVersionId: true,
      updatedAt: true,
      itemStates: {
        orderBy: { itemId: "asc" },
        select: {
          itemId: true,
          status: true,
          naReason: true,
          note: true,
          evidenceLinks: true,
          assigneeId: true,
          updatedById: true,
          version: true,
        },
      },
      signOffs: { select: { id: true, decision: true, invalidatedAt: true } },
    },
  });
}

async function leafOf(deploymentId: string, text: string) {
  const leaf = leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items)).find(
    (l) => l.text === text,
  )!;
  return { id: leaf.id, version: leaf.state!.version };
}

/** A token made by an admin through the real use case; `role` is its creator's role by the time it is used. */
async function tokenFor(scopes: Scope[], role: Role = "ADMIN") {
  const creator = await createTestUser(prisma, "ADMIN");
  const { token, secret } = await createApiToken(creator, { name: uniqueKey("access"), scopes });
  if (role !== "ADMIN") await prisma.user.update({ where: { id: creator.id }, data: { role } });
  return { secret, tokenId: token.id, creatorId: creator.id };
}

const users = {} as Record<Role, TestUser>;
const fixture = {} as {
  templateA: { templateId: string; versionId: string };
  templateB: { templateId: string; versionId: string };
  deploymentA: string;
  deploymentB: string;
  occurrenceA: string;
  taskA: string;
  occurrenceB: string;
  taskB: string;
  procedureSection: string;
  runA: string;
  runB: string;
  weeklySection: string;
};
const schedules: string[] = [];

beforeAll(async () => {
  for (const role of roles) users[role] = await createTestUser(prisma, role);
  const importTemplate = async () => {
    const imported = await createTemplateFromMarkdown(
      { actorLabel: "test" },
      { source: markdown(`Access ${uniqueKey()}`) },
      { db: prisma },
    );
    return { templateId: imported.templateId, versionId: imported.versionId };
  };
  fixture.templateA = await importTemplate();
  fixture.templateB = await importTemplate();
  const create = (versionId: string) =>
    createDeployment(users.ENGINEER, {
      service: uniqueKey("access"),
      environment: "prod",
      version: "1",
      templateVersionId: versionId,
    });
  fixture.deploymentA = (await create(fixture.templateA.versionId)).id;
  fixture.deploymentB = (await create(fixture.templateB.versionId)).id;

  const sectionOf = (versionId: string, kind: "MAINTENANCE" | "PROCEDURE") =>
    prisma.section.findFirstOrThrow({ where: { templateVersionId: versionId, kind }, select: { id: true } });
  const listOf = async (versionId: string) => {
    const { id } = await createSchedule(users.ENGINEER, {
      sectionId: (await sectionOf(versionId, "MAINTENANCE")).id,
      scope: "org",
      ownerId: users.ENGINEER.id,
    });
    schedules.push(id);
    const occurrence = await prisma.maintenanceOccurrence.findFirstOrThrow({
      where: { scheduleId: id },
      select: { id: true, tasks: { select: { id: true } } },
    });
    return { occurrence: occurrence.id, task: occurrence.tasks[0]!.id };
  };
  const listA = await listOf(fixture.templateA.versionId);
  const listB = await listOf(fixture.templateB.versionId);
  Object.assign(fixture, {
    occurrenceA: listA.occurrence,
    taskA: listA.task,
    occurrenceB: listB.occurrence,
    taskB: listB.task,
  });
  fixture.weeklySection = (await sectionOf(fixture.templateA.versionId, "MAINTENANCE")).id;

  fixture.procedureSection = (await sectionOf(fixture.templateA.versionId, "PROCEDURE")).id;
  const run = () =>
    startProcedureRun(users.ENGINEER, {
      sectionId: fixture.procedureSection,
      title: `Access ${uniqueKey()}`,
      severity: "SEV3",
    });
  fixture.runA = (await run()).id;
  fixture.runB = (await run()).id;
});

// Ticks in other files process every active schedule; these are only for this file.
afterAll(() => prisma.maintenanceSchedule.updateMany({ where: { id: { in: schedules } }, data: { active: false } }));

const taskSnapshot = (id: string) =>
  prisma.maintenanceTask.findUniqueOrThrow({
    where: { id },
    select: { occurrenceId: true, assigneeId: true, completedAt: true, completedById: true, note: true },
  });
const runSnapshot = (id: string) =>
  prisma.procedureRun.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      finishedAt: true,
      steps: { orderBy: { position: "asc" }, select: { status: true, note: true, skipReason: true, actorId: true } },
      timeline: { select: { id: true } },
    },
  });

describe("crafted ids: a resource named with one it does not belong to", () => {
  it("an item of deployment B sent with deployment A: 404 from the action and the API, both deployments untouched", async () => {
    const { deploymentA, deploymentB } = fixture;
    const itemOfB = await leafOf(deploymentB, "Backups verified");
    const before = [await deploymentSnapshot(deploymentA), await deploymentSnapshot(deploymentB)];
    await signIn(users.ENGINEER);
    const action = await (
      await deploymentActions()
    ).updateItemStateAction({
      deploymentId: deploymentA,
      itemId: itemOfB.id,
      version: itemOfB.version,
      status: "DONE",
    });
    expect(action).toMatchObject({
      ok: false,
      status: 404,
      error: "That checklist item does not exist in this deployment.",
    });
    const api = await patchItem(deploymentA, itemOfB.id, { version: itemOfB.version, status: "DONE" });
    expect([api.status, await api.json()]).toEqual([
      404,
      { error: "That checklist item does not exist in this deployment." },
    ]);
    const { secret } = await tokenFor(["WRITE"], "ENGINEER");
    expect(
      (await patchItem(deploymentA, itemOfB.id, { version: itemOfB.version, status: "DONE" }, secret)).status,
    ).toBe(404);
    expect([await deploymentSnapshot(deploymentA), await deploymentSnapshot(deploymentB)]).toEqual(before);
  });

  it("ids in a PATCH body never override the path: only the path's item changes", async () => {
    const { deploymentA, deploymentB } = fixture;
    const itemOfA = await leafOf(deploymentA, "Runbook linked");
    const itemOfB = await leafOf(deploymentB, "Runbook linked");
    const bBefore = await deploymentSnapshot(deploymentB);
    await signIn(users.ENGINEER);
    const response = await patchItem(deploymentA, itemOfA.id, {
      deploymentId: deploymentB,
      itemId: itemOfB.id,
      version: itemOfA.version,
      note: "crafted body",
    });
    expect(response.status).toBe(200);
    expect(
      await prisma.itemState.findUniqueOrThrow({
        where: { deploymentId_itemId: { deploymentId: deploymentA, itemId: itemOfA.id } },
      }),
    ).toMatchObject({ note: "crafted body" });
    expect(await deploymentSnapshot(deploymentB)).toEqual(bBefore);
  });

  it("a maintenance task of another list: 404 for completing and assigning, both tasks untouched", async () => {
    const { occurrenceA, taskB, taskA } = fixture;
    const before = [await taskSnapshot(taskA), await taskSnapshot(taskB)];
    await signIn(users.ENGINEER);
    const { completeTaskAction, assignTaskAction } = await maintenanceActions();
    expect(await completeTaskAction({ occurrenceId: occurrenceA, taskId: taskB, note: "crafted" })).toMatchObject({
      ok: false,
      status: 404,
      error: "That task is not part of this maintenance list.",
    });
    expect(
      await assignTaskAction({ occurrenceId: occurrenceA, taskId: taskB, assigneeId: users.REVIEWER.id }),
    ).toMatchObject({ ok: false, status: 404 });
    // A task id where the list id belongs: no list of that id.
    expect(await completeTaskAction({ occurrenceId: taskB, taskId: taskB })).toMatchObject({ ok: false, status: 404 });
    expect([await taskSnapshot(taskA), await taskSnapshot(taskB)]).toEqual(before);
  });

  it("maintenance work is assigned only to active users who can do it: 400 otherwise", async () => {
    const { occurrenceA, taskA } = fixture;
    const inactive = await createTestUser(prisma, "ENGINEER");
    await prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
    const before = await taskSnapshot(taskA);
    await signIn(users.MANAGER);
    const { assignTaskAction } = await maintenanceActions();
    for (const assigneeId of [inactive.id, users.VIEWER.id, users.MANAGER.id, "no-such-user"]) {
      expect(await assignTaskAction({ occurrenceId: occurrenceA, taskId: taskA, assigneeId })).toMatchObject({
        ok: false,
        status: 400,
        error: "The assignee must be an active user who can do maintenance work.",
        fieldErrors: { assigneeId: "The assignee must be an active user who can do maintenance work." },
      });
    }
    expect(await taskSnapshot(taskA)).toEqual(before);
  });

  it("a procedure step is named by its run: a position outside the run or another id as run is 404, the other run untouched", async () => {
    const { runA, runB } = fixture;
    const stepOfB = await prisma.procedureStep.findFirstOrThrow({ where: { runId: runB }, select: { id: true } });
    const before = [await runSnapshot(runA), await runSnapshot(runB)];
    await signIn(users.ENGINEER);
    const { completeStepAction, skipStepAction, stepNoteAction, timelineEntryAction, finishRunAction } =
      await procedureActions();
    expect(await completeStepAction({ runId: runA, position: 3 })).toMatchObject({
      ok: false,
      status: 404,
      error: "Step 3 does not exist; this run has 2 steps.",
    });
    expect(await skipStepAction({ runId: runA, position: 99, reason: "crafted" })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await stepNoteAction({ runId: stepOfB.id, position: 1, note: "crafted" })).toMatchObject({
      ok: false,
      status: 404,
      error: "That procedure run does not exist.",
    });
    expect(await timelineEntryAction({ runId: stepOfB.id, body: "crafted" })).toMatchObject({ ok: false, status: 404 });
    expect(await finishRunAction({ runId: fixture.procedureSection })).toMatchObject({ ok: false, status: 404 });
    expect([await runSnapshot(runA), await runSnapshot(runB)]).toEqual(before);
  });

  it("the steps of a finished run no longer change (409)", async () => {
    const { id: runId } = await startProcedureRun(users.ENGINEER, {
      sectionId: fixture.procedureSection,
      title: `Finished ${uniqueKey()}`,
      severity: "SEV4",
    });
    for (const position of [1, 2]) await skipStep(users.ENGINEER, { runId, position, reason: "not needed" });
    await finishProcedureRun(users.ENGINEER, { runId });
    const before = await runSnapshot(runId);
    await signIn(users.REVIEWER);
    expect(await (await procedureActions()).stepNoteAction({ runId, position: 1, note: "late" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await runSnapshot(runId)).toEqual(before);
  });

  it("moving to the latest version ignores a crafted template: a deployment only ever follows its own template", async () => {
    const { deploymentA, templateB } = fixture;
    const before = await deploymentSnapshot(deploymentA);
    await signIn(users.ENGINEER);
    const crafted = {
      deploymentId: deploymentA,
      templateVersionId: templateB.versionId,
      templateId: templateB.templateId,
    };
    expect(await (await deploymentActions()).moveToLatestVersionAction(crafted)).toMatchObject({
      ok: false,
      status: 409,
      error: "This deployment already uses the latest version (v1).",
    });
    expect(await deploymentSnapshot(deploymentA)).toEqual(before);
  });

  it("an item is assigned only to an active user who can work on deployments: 400 for deactivated, unknown or viewer, item unchanged", async () => {
    const { deploymentA } = fixture;
    const inactive = await createTestUser(prisma, "ENGINEER");
    await prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
    const item = await leafOf(deploymentA, "Alerts configured");
    const before = await deploymentSnapshot(deploymentA);
    await signIn(users.REVIEWER);
    const message = "The assignee must be an active user who can work on deployments.";
    for (const assigneeId of [inactive.id, "no-such-user", users.VIEWER.id]) {
      const action = await (
        await deploymentActions()
      ).updateItemStateAction({ deploymentId: deploymentA, itemId: item.id, version: item.version, assigneeId });
      expect(action).toMatchObject({ ok: false, status: 400, error: message, fieldErrors: { assigneeId: message } });
      const api = await patchItem(deploymentA, item.id, { version: item.version, assigneeId });
      const body = await api.json();
      expect([api.status, body.error, body.field]).toEqual([400, message, "assigneeId"]);
    }
    expect(await deploymentSnapshot(deploymentA)).toEqual(before);
  });
});

describe("sign-off decisions by crafted request", () => {
  it("a reviewer who owns the deployment can neither approve nor reject it: 403 through actions and the API", async () => {
    const { deploymentId, digest } = await deploymentInReview(prisma);
    const reviewerOwner = await createTestUser(prisma, "REVIEWER");
    await prisma.deployment.update({ where: { id: deploymentId }, data: { ownerId: reviewerOwner.id } });
    const before = await deploymentSnapshot(deploymentId);
    await signIn(reviewerOwner);
    const { approveDeploymentAction, rejectDeploymentAction } = await deploymentActions();
    expect(await approveDeploymentAction({ deploymentId, comment: "mine", digest: await digest() })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await rejectDeploymentAction({ deploymentId, comment: "mine" })).toMatchObject({ ok: false, status: 403 });
    const api = await postApproval(deploymentId, { comment: "mine", digest: await digest() });
    expect([api.status, (await api.json()).error]).toEqual([
      403,
      "You may not approve this deployment: you owned it. A reviewer who did not work on it must approve it.",
    ]);
    expect(await deploymentSnapshot(deploymentId)).toEqual(before);
  });

  it("an approval carrying another deployment's digest is refused; nothing is signed", async () => {
    const first = await deploymentInReview(prisma);
    const second = await deploymentInReview(prisma);
    // The second checklist differs, so its digest describes something the first is not.
    const extra = (await second.leaves()).find((l) => l.text === "Alerts configured")!;
    await updateItemState(second.owner, {
      deploymentId: second.deploymentId,
      itemId: extra.id,
      version: extra.state!.version,
      status: "DONE",
    });
    const otherDigest = await second.digest();
    expect(otherDigest).not.toBe(await first.digest());
    const before = await deploymentSnapshot(first.deploymentId);
    await signIn(first.reviewers[0]!);
    const action = await (
      await deploymentActions()
    ).approveDeploymentAction({ deploymentId: first.deploymentId, comment: "", digest: otherDigest });
    expect(action).toMatchObject({
      ok: false,
      status: 409,
      error: "The checklist changed while you were reviewing it; look at it again before approving.",
    });
    expect((await postApproval(first.deploymentId, { comment: "", digest: otherDigest })).status).toBe(409);
    expect(await deploymentSnapshot(first.deploymentId)).toEqual(before);
  });

  it("a token cannot approve, even a reviewer's WRITE token on a deployment the reviewer does not own", async () => {
    const { deploymentId, digest } = await deploymentInReview(prisma);
    const { secret } = await tokenFor(["WRITE"], "REVIEWER");
    const before = await deploymentSnapshot(deploymentId);
    const response = await postApproval(deploymentId, { comment: "by script", digest: await digest() }, secret);
    expect([response.status, (await response.json()).error]).toEqual([
      403,
      "API tokens cannot do this; a person must do it in the browser, signed in.",
    ]);
    expect(await deploymentSnapshot(deploymentId)).toEqual(before);
  });
});

describe("admin-only resources addressed with real ids", () => {
  let target: TestUser;
  let webhookId: string;
  let deliveryId: string;
  let token: Awaited<ReturnType<typeof tokenFor>>;

  beforeAll(async () => {
    target = await createTestUser(prisma, "ENGINEER");
    const created = await createWebhook(users.ADMIN, {
      url: "http://127.0.0.1:9/access",
      events: ["DEPLOYMENT_REJECTED"],
    });
    webhookId = created.webhook.id;
    // Inactive, so other files' sign-offs queue nothing for it while this file runs.
    await prisma.webhook.update({ where: { id: webhookId }, data: { active: false } });
    deliveryId = (
      await prisma.webhookDelivery.create({
        data: { webhookId, event: "DEPLOYMENT_REJECTED", payload: { probe: true }, status: "FAILED", attempts: 5 },
      })
    ).id;
    token = await tokenFor(["READ"]);
  });

  const adminRows = async () => ({
    users: await prisma.user.findMany({
      where: { id: { in: [target.id, users.ADMIN.id] } },
      orderBy: { id: "asc" },
      select: { role: true, active: true, passwordHash: true, mustChangePassword: true, tokenVersion: true },
    }),
    // Not updatedAt: lib/webhooks/deliver.int.test.ts deactivates every webhook while it runs.
    webhook: await prisma.webhook.findUniqueOrThrow({
      where: { id: webhookId },
      select: { url: true, description: true, events: true, active: true, secret: true },
    }),
    delivery: await prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { status: true, attempts: true, nextAttemptAt: true },
    }),
    token: await prisma.apiToken.findUniqueOrThrow({ where: { id: token.tokenId }, select: { revokedAt: true } }),
  });

  it.each(nonAdmins)("as %s: every change is 403 and nothing changes; the token still works", async (role) => {
    const before = await adminRows();
    await signIn(users[role]);
    const admin = await adminActions();
    const webhooks = await webhookActions();
    const results = [
      await admin.changeRoleAction({ userId: target.id, role: "ADMIN" }),
      await admin.changeRoleAction({ userId: users.ADMIN.id, role: "VIEWER" }),
      await admin.setActiveAction({ userId: users.ADMIN.id, active: false }),
      await admin.resetPasswordAction({ userId: target.id }),
      await admin.createUserAction({ name: "Crafted", email: `${uniqueKey("crafted")}@example.test`, role: "ADMIN" }),
      await webhooks.updateWebhookAction({ webhookId, events: ["DEPLOYMENT_SIGNED_OFF"], active: true }),
      await webhooks.rotateWebhookSecretAction({ webhookId }),
      await webhooks.deleteWebhookAction({ webhookId }),
      await webhooks.redeliverWebhookAction({ deliveryId }),
      await (await tokenActions()).revokeApiTokenAction({ tokenId: token.tokenId }),
      await (await tokenActions()).createApiTokenAction({ name: "crafted", scopes: ["WRITE"] }),
    ];
    expect(results.map(statusOf)).toEqual(results.map(() => 403));
    expect(await adminRows()).toEqual(before);
    expect((await (await v1.deployments()).GET(request("/api/v1/deployments", { token: token.secret }))).status).toBe(
      200,
    );
  });
});

describe("read paths", () => {
  let webhookId: string;
  beforeAll(async () => {
    webhookId = (await createWebhook(users.ADMIN, { url: "http://127.0.0.1:9/read", events: ["DEPLOYMENT_REJECTED"] }))
      .webhook.id;
    await prisma.webhook.update({ where: { id: webhookId }, data: { active: false } });
  });

  it("only admins read API tokens, webhooks, webhook deliveries and the user list", async () => {
    const reads = (actor: TestUser) => [
      listApiTokens(actor),
      listWebhooks(actor),
      getWebhook(actor, webhookId),
      listDeliveries(actor, webhookId, 1),
      listUsers(actor, { db: prisma }),
    ];
    for (const role of nonAdmins) {
      const outcomes = await Promise.allSettled(reads(users[role]));
      expect(
        outcomes.map((o) => (o.status === "rejected" ? (o.reason as { status: number }).status : 200)),
        role,
      ).toEqual([403, 403, 403, 403, 403]);
    }
    const admin = await Promise.all(reads(users.ADMIN));
    expect(admin[2]).toMatchObject({ id: webhookId });
  });

  it("the audit log: ADMIN and MANAGER read it (function and /api/v1/audit), every other role gets 403", async () => {
    const query = auditQuery.parse({ entityType: "Deployment", entityId: fixture.deploymentA });
    for (const role of roles) {
      const allowed = role === "ADMIN" || role === "MANAGER";
      const read = readAuditLog(users[role], query);
      if (allowed) expect((await read).events.map((e) => e.action)).toContain("deployment.create");
      else await expect(read, role).rejects.toMatchObject({ status: 403 });
      await signIn(users[role]);
      const response = await (
        await v1.audit()
      ).GET(request(`/api/v1/audit?entityType=Deployment&entityId=${fixture.deploymentA}`));
      expect(response.status, role).toBe(allowed ? 200 : 403);
    }
  });

  it("a VIEWER reads deployments, but every write through actions and the API is 403 and nothing changes", async () => {
    const { deploymentA, templateA, occurrenceA, taskA, runA, weeklySection, procedureSection } = fixture;
    const item = await leafOf(deploymentA, "Smoke test passed");
    const digest = (await getChecklist(deploymentA))!.digest;
    const service = uniqueKey("viewer");
    const before = {
      deployment: await deploymentSnapshot(deploymentA),
      task: await taskSnapshot(taskA),
      run: await runSnapshot(runA),
      schedules: await prisma.maintenanceSchedule.count({ where: { sectionId: weeklySection } }),
    };
    await signIn(users.VIEWER);

    const reads = [
      await (await v1.deployments()).GET(request("/api/v1/deployments")),
      await (await v1.deployment()).GET(request(`/api/v1/deployments/${deploymentA}`), params({ id: deploymentA })),
      await (await v1.overview()).GET(request("/api/v1/overview")),
      await (await v1.templates()).GET(request("/api/v1/templates")),
    ];
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    const deployments = await deploymentActions();
    const maintenance = await maintenanceActions();
    const procedures = await procedureActions();
    const writes = [
      await deployments.createDeploymentAction({
        service,
        environment: "prod",
        version: "1",
        templateVersionId: templateA.versionId,
      }),
      await deployments.updateItemStateAction({
        deploymentId: deploymentA,
        itemId: item.id,
        version: item.version,
        status: "DONE",
      }),
      await deployments.moveToLatestVersionAction({ deploymentId: deploymentA }),
      await deployments.submitForReviewAction({ deploymentId: deploymentA }),
      await deployments.approveDeploymentAction({ deploymentId: deploymentA, comment: "", digest }),
      await deployments.rejectDeploymentAction({ deploymentId: deploymentA, comment: "no" }),
      await maintenance.createScheduleAction({
        sectionId: weeklySection,
        scope: "service",
        service,
        environment: "prod",
        ownerId: users.ENGINEER.id,
      }),
      await maintenance.completeTaskAction({ occurrenceId: occurrenceA, taskId: taskA }),
      await maintenance.assignTaskAction({ occurrenceId: occurrenceA, taskId: taskA, assigneeId: users.ENGINEER.id }),
      await procedures.startRunAction({ sectionId: procedureSection, title: "Viewer", severity: "SEV1" }),
      await procedures.completeStepAction({ runId: runA, position: 1 }),
      await procedures.skipStepAction({ runId: runA, position: 1, reason: "viewer" }),
      await procedures.stepNoteAction({ runId: runA, position: 1, note: "viewer" }),
      await procedures.timelineEntryAction({ runId: runA, body: "viewer" }),
      await procedures.finishRunAction({ runId: runA }),
      await postDeployment({ service, environment: "prod", version: "1", templateVersionId: templateA.versionId }),
      await patchItem(deploymentA, item.id, { version: item.version, status: "DONE" }),
      await postApproval(deploymentA, { comment: "", digest }),
    ];
    expect(writes.map(statusOf)).toEqual(writes.map(() => 403));
    expect({
      deployment: await deploymentSnapshot(deploymentA),
      task: await taskSnapshot(taskA),
      run: await runSnapshot(runA),
      schedules: await prisma.maintenanceSchedule.count({ where: { sectionId: weeklySection } }),
    }).toEqual(before);
    expect(await prisma.deployment.count({ where: { service } })).toBe(0);
  });
});

describe("API tokens", () => {
  const writes = (
    token: string,
    target: { deploymentId: string; itemId: string; version: number },
    digest: string,
    service: string,
  ) => [
    () =>
      postDeployment(
        { service, environment: "prod", version: "1", templateVersionId: fixture.templateA.versionId },
        token,
      ),
    () => patchItem(target.deploymentId, target.itemId, { version: target.version, status: "DONE" }, token),
    () => postApproval(target.deploymentId, { comment: "", digest }, token),
  ];
  const reads = (token: string) => [
    async () => (await v1.deployments()).GET(request("/api/v1/deployments", { token })),
    async () =>
      (await v1.deployment()).GET(
        request(`/api/v1/deployments/${fixture.deploymentA}`, { token }),
        params({ id: fixture.deploymentA }),
      ),
    async () => (await v1.overview()).GET(request("/api/v1/overview", { token })),
    async () => (await v1.templates()).GET(request("/api/v1/templates", { token })),
    async () => (await v1.audit()).GET(request("/api/v1/audit", { token })),
  ];
  const gate = async (token: string) =>
    (await v1.gate()).GET(
      request(`/api/v1/deployments/${fixture.deploymentA}/gate`, { token }),
      params({ id: fixture.deploymentA }),
    );
  const statuses = async (calls: (() => Promise<Response>)[]) => {
    const out: number[] = [];
    for (const call of calls) out.push((await call()).status);
    return out;
  };

  it("READ: every read works, every write endpoint is 403, nothing changes and nothing is audited as the token", async () => {
    const { secret, tokenId } = await tokenFor(["READ"]);
    const item = await leafOf(fixture.deploymentA, "Smoke test passed");
    const service = uniqueKey("read-token");
    const before = await deploymentSnapshot(fixture.deploymentA);
    expect(await statuses(reads(secret))).toEqual([200, 200, 200, 200, 200]);
    const digest = (await getChecklist(fixture.deploymentA))!.digest;
    expect(
      await statuses(
        writes(secret, { deploymentId: fixture.deploymentA, itemId: item.id, version: item.version }, digest, service),
      ),
    ).toEqual([403, 403, 403]);
    expect(await deploymentSnapshot(fixture.deploymentA)).toEqual(before);
    expect(await prisma.deployment.count({ where: { service } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorLabel: `api-token:${tokenId}` } })).toBe(0);
  });

  it("GATE: only the gate answers; every other GET and every write is 403", async () => {
    const { secret } = await tokenFor(["GATE"]);
    const item = await leafOf(fixture.deploymentA, "Smoke test passed");
    const before = await deploymentSnapshot(fixture.deploymentA);
    expect((await gate(secret)).status).toBe(409);
    expect(await statuses(reads(secret))).toEqual([403, 403, 403, 403, 403]);
    expect(
      await statuses(
        writes(
          secret,
          { deploymentId: fixture.deploymentA, itemId: item.id, version: item.version },
          "0".repeat(64),
          uniqueKey("gate"),
        ),
      ),
    ).toEqual([403, 403, 403]);
    expect(await deploymentSnapshot(fixture.deploymentA)).toEqual(before);
  });

  it("WRITE of a creator whose role lacks item:update (a MANAGER, a VIEWER): item changes are 403, nothing changes", async () => {
    const item = await leafOf(fixture.deploymentA, "Smoke test passed");
    const before = await deploymentSnapshot(fixture.deploymentA);
    for (const role of ["MANAGER", "VIEWER"] as const) {
      const { secret } = await tokenFor(["WRITE"], role);
      const response = await patchItem(
        fixture.deploymentA,
        item.id,
        { version: item.version, status: "DONE", assigneeId: users.ENGINEER.id },
        secret,
      );
      expect([response.status, (await response.json()).error], role).toEqual([
        403,
        "Your role does not allow this action.",
      ]);
    }
    expect(await deploymentSnapshot(fixture.deploymentA)).toEqual(before);
  });

  it("is refused with 401 on the very next request once revoked, expired or its creator deactivated", async () => {
    const list = async (token: string) => (await v1.deployments()).GET(request("/api/v1/deployments", { token }));
    const item = await leafOf(fixture.deploymentA, "Smoke test passed");
    const before = await deploymentSnapshot(fixture.deploymentA);

    const revoked = await tokenFor(["WRITE"], "ENGINEER");
    expect((await list(revoked.secret)).status).toBe(200);
    await signIn(users.ADMIN);
    expect(await (await tokenActions()).revokeApiTokenAction({ tokenId: revoked.tokenId })).toMatchObject({ ok: true });
    expect(
      (await patchItem(fixture.deploymentA, item.id, { version: item.version, status: "DONE" }, revoked.secret)).status,
    ).toBe(401);

    const expired = await tokenFor(["WRITE"], "ENGINEER");
    expect((await list(expired.secret)).status).toBe(200);
    await prisma.apiToken.update({ where: { id: expired.tokenId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const expiredResponse = await patchItem(
      fixture.deploymentA,
      item.id,
      { version: item.version, status: "DONE" },
      expired.secret,
    );
    expect([expiredResponse.status, (await expiredResponse.json()).error]).toEqual([
      401,
      expect.stringContaining("expired"),
    ]);

    const orphaned = await tokenFor(["WRITE"], "ENGINEER");
    expect((await list(orphaned.secret)).status).toBe(200);
    // Deactivated through the admin action, as it happens in the app.
    expect(await (await adminActions()).setActiveAction({ userId: orphaned.creatorId, active: false })).toMatchObject({
      ok: true,
    });
    const orphanedResponse = await patchItem(
      fixture.deploymentA,
      item.id,
      { version: item.version, status: "DONE" },
      orphaned.secret,
    );
    expect([orphanedResponse.status, (await orphanedResponse.json()).error]).toEqual([
      401,
      expect.stringContaining("deactivated"),
    ]);

    expect(await deploymentSnapshot(fixture.deploymentA)).toEqual(before);
  });

  it("a write made with a token is audited with actorLabel api-token:<id>, as the token's creator", async () => {
    const { secret, tokenId, creatorId } = await tokenFor(["WRITE"], "ENGINEER");
    const item = await leafOf(fixture.deploymentB, "Smoke test passed");
    expect(
      (await patchItem(fixture.deploymentB, item.id, { version: item.version, note: "from CI" }, secret)).status,
    ).toBe(200);
    const events = await prisma.auditEvent.findMany({
      where: { actorLabel: `api-token:${tokenId}` },
      select: { actorId: true, action: true, after: true },
    });
    expect(events).toEqual([
      {
        actorId: creatorId,
        action: "item.update",
        after: expect.objectContaining({ note: "from CI", deploymentId: fixture.deploymentB }),
      },
    ]);
  });
});

describe("sessions", () => {
  it("a deactivated user's next action and API call get 401, and nothing changes", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const item = await leafOf(fixture.deploymentB, "Alerts configured");
    await signIn(engineer);
    const { updateItemStateAction } = await deploymentActions();
    const first = await updateItemStateAction({
      deploymentId: fixture.deploymentB,
      itemId: item.id,
      version: item.version,
      note: "before deactivation",
    });
    expect(first).toMatchObject({ ok: true });
    const engineerSession = session.current;

    await signIn(users.ADMIN);
    expect(await (await adminActions()).setActiveAction({ userId: engineer.id, active: false })).toMatchObject({
      ok: true,
    });
    session.current = engineerSession;
    const before = await deploymentSnapshot(fixture.deploymentB);
    const version = item.version + 1;
    expect(
      await updateItemStateAction({ deploymentId: fixture.deploymentB, itemId: item.id, version, note: "after" }),
    ).toMatchObject({ ok: false, status: 401 });
    expect((await patchItem(fixture.deploymentB, item.id, { version, note: "after" })).status).toBe(401);
    // Reactivation does not revive the old session: its tokenVersion is behind.
    await prisma.user.update({ where: { id: engineer.id }, data: { active: true } });
    expect(
      await updateItemStateAction({ deploymentId: fixture.deploymentB, itemId: item.id, version, note: "after" }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await deploymentSnapshot(fixture.deploymentB)).toEqual(before);
  });

  it("a role change applies on the next request: an engineer demoted to VIEWER gets 403", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const item = await leafOf(fixture.deploymentB, "Alerts configured");
    await signIn(users.ADMIN);
    expect(await (await adminActions()).changeRoleAction({ userId: engineer.id, role: "VIEWER" })).toMatchObject({
      ok: true,
    });
    await signIn(engineer);
    const before = await deploymentSnapshot(fixture.deploymentB);
    expect(
      await (
        await deploymentActions()
      ).updateItemStateAction({
        deploymentId: fixture.deploymentB,
        itemId: item.id,
        version: item.version,
        status: "DONE",
      }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await deploymentSnapshot(fixture.deploymentB)).toEqual(before);
  });

  it("a password reset by an admin ends the user's session at once (401)", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    await signIn(engineer);
    const engineerSession = session.current;
    await signIn(users.ADMIN);
    expect(await (await adminActions()).resetPasswordAction({ userId: engineer.id })).toMatchObject({ ok: true });
    session.current = engineerSession;
    const service = uniqueKey("reset");
    expect(
      await (
        await deploymentActions()
      ).createDeploymentAction({
        service,
        environment: "prod",
        version: "1",
        templateVersionId: fixture.templateA.versionId,
      }),
    ).toMatchObject({ ok: false, status: 401 });
    expect(await prisma.deployment.count({ where: { service } })).toBe(0);
  });
});
