// Every mutating server action and route handler, called as each role and without a
// session: allowed roles get past the permission check, the others get 403, nobody gets
// in without a session (401). A new action or handler that is not listed here fails the
// first test, so nothing ships unchecked.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import type { CurrentUser } from "@/lib/auth/session";
import { signInAs } from "@/test/session-double";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { importSmallTemplate, smallChecklistMarkdown } from "@/test/checklist-fixtures";

// The session is the one thing faked: which user the request comes from.
vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const roles = ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const;
type Role = (typeof roles)[number];
type Fixture = { templateId: string; versionId: string; deploymentId: string; itemId: string };
type Entry = { allowed: Role[]; call: (f: Fixture) => Promise<ActionResult<unknown> | Response> };

const formWith = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
};

const templates = () => import("@/app/(app)/templates/actions");
const deployments = () => import("@/app/(app)/deployments/actions");
const waivers = () => import("@/app/(app)/waivers/actions");
const maintenance = () => import("@/app/(app)/maintenance/actions");
const procedures = () => import("@/app/(app)/procedures/actions");
const admin = () => import("@/app/(app)/admin/actions");
const account = () => import("@/app/account/password/actions");
const webhooks = () => import("@/app/(app)/admin/webhooks/actions");
const groups = () => import("@/app/(app)/admin/groups/actions");
const missing = "does-not-exist";

const matrix: Record<string, Entry> = {
  "app/(app)/templates/actions.ts#previewImportAction": {
    allowed: ["ADMIN"],
    call: async () => (await templates()).previewImportAction(formWith({ text: smallChecklistMarkdown("Preview") })),
  },
  "app/(app)/templates/actions.ts#importTemplateAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await templates()).importTemplateAction(formWith({ text: smallChecklistMarkdown(`Matrix ${uniqueKey()}`) })),
  },
  "app/(app)/templates/actions.ts#publishVersionAction": {
    allowed: ["ADMIN"],
    call: async (f) =>
      (await templates()).publishVersionAction({
        templateId: f.templateId,
        baseVersion: 99,
        structure: {
          title: "T",
          reviewIntervalDays: 30,
          sections: [
            {
              key: "s-a",
              title: "A",
              kind: "PRE_DEPLOYMENT",
              priority: "CRITICAL",
              cadence: null,
              content: null,
              items: [{ key: "i-a", text: "a", children: [] }],
            },
          ],
        },
      }),
  },
  // Refused after the permission check (a past day, an unknown reviewer): nothing is written.
  "app/(app)/templates/actions.ts#markTemplateReviewedAction": {
    allowed: ["ADMIN", "REVIEWER"],
    call: async (f) =>
      (await templates()).markTemplateReviewedAction({ templateId: f.templateId, nextReviewAt: "2000-01-01" }),
  },
  "app/(app)/templates/actions.ts#setTemplatePeopleAction": {
    allowed: ["ADMIN"],
    call: async (f) => (await templates()).setTemplatePeopleAction({ templateId: f.templateId, reviewerId: missing }),
  },
  "app/(app)/deployments/actions.ts#createDeploymentAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () =>
      (await deployments()).createDeploymentAction({
        service: "svc",
        environment: "prod",
        version: "1",
        templateVersionId: missing,
      }),
  },
  "app/(app)/deployments/actions.ts#createNextReleaseAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).createNextReleaseAction({ deploymentId: missing, version: "2" }),
  },
  "app/(app)/deployments/actions.ts#updateItemStateAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async (f) =>
      (await deployments()).updateItemStateAction({
        deploymentId: f.deploymentId,
        itemId: f.itemId,
        version: 999,
        status: "DONE",
      }),
  },
  // A read, in a "use server" file: every signed-in role reads an item's history.
  "app/(app)/deployments/actions.ts#readItemHistoryAction": {
    allowed: [...roles],
    call: async (f) => (await deployments()).readItemHistoryAction({ deploymentId: f.deploymentId, itemKey: "i-any" }),
  },
  "app/(app)/deployments/actions.ts#moveToLatestVersionAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).moveToLatestVersionAction({ deploymentId: missing }),
  },
  "app/(app)/deployments/actions.ts#submitForReviewAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).submitForReviewAction({ deploymentId: missing }),
  },
  "app/(app)/deployments/actions.ts#approveDeploymentAction": {
    allowed: ["ADMIN", "REVIEWER"],
    call: async () =>
      (await deployments()).approveDeploymentAction({ deploymentId: missing, comment: "", digest: "0".repeat(64) }),
  },
  "app/(app)/deployments/actions.ts#rejectDeploymentAction": {
    allowed: ["ADMIN", "REVIEWER"],
    call: async () => (await deployments()).rejectDeploymentAction({ deploymentId: missing, comment: "no" }),
  },
  "app/(app)/waivers/actions.ts#requestWaiverAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () =>
      (await waivers()).requestWaiverAction({ deploymentId: missing, itemId: missing, reason: "r", control: "c" }),
  },
  "app/(app)/waivers/actions.ts#decideWaiverAction": {
    allowed: ["ADMIN", "REVIEWER"],
    call: async () => (await waivers()).decideWaiverAction({ waiverId: missing, decision: "approve" }),
  },
  "app/(app)/waivers/actions.ts#revokeWaiverAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await waivers()).revokeWaiverAction({ waiverId: missing, reason: "no longer needed" }),
  },
  "app/(app)/deployments/actions.ts#editDeploymentAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).editDeploymentAction({ deploymentId: missing, version: "2" }),
  },
  "app/(app)/deployments/actions.ts#deployDeploymentAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).deployDeploymentAction({ deploymentId: missing }),
  },
  "app/(app)/deployments/actions.ts#cancelDeploymentAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).cancelDeploymentAction({ deploymentId: missing, reason: "Matrix" }),
  },
  "app/(app)/deployments/actions.ts#reopenDeploymentAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).reopenDeploymentAction({ deploymentId: missing }),
  },
  "app/(app)/deployments/actions.ts#withdrawFromReviewAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).withdrawFromReviewAction({ deploymentId: missing }),
  },
  // The permission check; on a real draft only its owner or an admin gets further (403 else).
  "app/(app)/deployments/actions.ts#deleteDraftAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => (await deployments()).deleteDraftAction({ deploymentId: missing }),
  },
  // Edit, submit or deploy: each part of the body checks its own permission.
  "app/api/v1/deployments/[id]/route.ts#PATCH": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => {
      const { PATCH } = await import("@/app/api/v1/deployments/[id]/route");
      const request = new Request(`http://localhost/api/v1/deployments/${missing}`, {
        method: "PATCH",
        body: JSON.stringify({ version: "2" }),
      });
      return PATCH(request, { params: Promise.resolve({ id: missing }) });
    },
  },
  "app/api/v1/deployments/[id]/route.ts#DELETE": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => {
      const { DELETE } = await import("@/app/api/v1/deployments/[id]/route");
      const request = new Request(`http://localhost/api/v1/deployments/${missing}`, { method: "DELETE" });
      return DELETE(request, { params: Promise.resolve({ id: missing }) });
    },
  },
  "app/api/v1/deployments/[id]/approvals/route.ts#POST": {
    allowed: ["ADMIN", "REVIEWER"],
    call: async () => {
      const { POST } = await import("@/app/api/v1/deployments/[id]/approvals/route");
      const request = new Request("http://localhost/api/v1/deployments/x/approvals", {
        method: "POST",
        body: JSON.stringify({ comment: "", digest: "0".repeat(64) }),
      });
      return POST(request, { params: Promise.resolve({ id: missing }) });
    },
  },
  "app/(app)/maintenance/actions.ts#createScheduleAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () =>
      (await maintenance()).createScheduleAction({ sectionId: missing, scope: "org", ownerId: missing }),
  },
  "app/(app)/maintenance/actions.ts#completeTaskAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await maintenance()).completeTaskAction({ occurrenceId: missing, taskId: missing }),
  },
  "app/(app)/maintenance/actions.ts#assignTaskAction": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () =>
      (await maintenance()).assignTaskAction({ occurrenceId: missing, taskId: missing, assigneeId: null }),
  },
  "app/(app)/procedures/actions.ts#startRunAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).startRunAction({ sectionId: missing, title: "Matrix", severity: "SEV3" }),
  },
  "app/(app)/procedures/actions.ts#completeStepAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).completeStepAction({ runId: missing, position: 1 }),
  },
  "app/(app)/procedures/actions.ts#skipStepAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).skipStepAction({ runId: missing, position: 1, reason: "n/a" }),
  },
  "app/(app)/procedures/actions.ts#stepNoteAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).stepNoteAction({ runId: missing, position: 1, note: "note" }),
  },
  "app/(app)/procedures/actions.ts#timelineEntryAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).timelineEntryAction({ runId: missing, body: "entry" }),
  },
  "app/(app)/procedures/actions.ts#finishRunAction": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async () => (await procedures()).finishRunAction({ runId: missing }),
  },
  "app/(app)/admin/actions.ts#createUserAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await admin()).createUserAction({
        name: "Matrix",
        email: `${uniqueKey("matrix")}@example.test`,
        role: "VIEWER",
      }),
  },
  "app/(app)/admin/actions.ts#changeRoleAction": {
    allowed: ["ADMIN"],
    call: async () => (await admin()).changeRoleAction({ userId: missing, role: "VIEWER" }),
  },
  "app/(app)/admin/actions.ts#setActiveAction": {
    allowed: ["ADMIN"],
    call: async () => (await admin()).setActiveAction({ userId: missing, active: false }),
  },
  "app/(app)/admin/actions.ts#resetPasswordAction": {
    allowed: ["ADMIN"],
    call: async () => (await admin()).resetPasswordAction({ userId: missing }),
  },
  "app/(app)/admin/webhooks/actions.ts#createWebhookAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await webhooks()).createWebhookAction({ url: "http://127.0.0.1:9/matrix", events: ["MAINTENANCE_OVERDUE"] }),
  },
  "app/(app)/admin/webhooks/actions.ts#updateWebhookAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await webhooks()).updateWebhookAction({ webhookId: missing, events: ["DEPLOYMENT_REJECTED"], active: false }),
  },
  "app/(app)/admin/webhooks/actions.ts#rotateWebhookSecretAction": {
    allowed: ["ADMIN"],
    call: async () => (await webhooks()).rotateWebhookSecretAction({ webhookId: missing }),
  },
  "app/(app)/admin/webhooks/actions.ts#deleteWebhookAction": {
    allowed: ["ADMIN"],
    call: async () => (await webhooks()).deleteWebhookAction({ webhookId: missing }),
  },
  "app/(app)/admin/webhooks/actions.ts#redeliverWebhookAction": {
    allowed: ["ADMIN"],
    call: async () => (await webhooks()).redeliverWebhookAction({ deliveryId: missing }),
  },
  // Reviewer groups: an admin gets past the permission check to a 404 (no such group) or a
  // 400 (a slug no group may have); nothing is written.
  "app/(app)/admin/groups/actions.ts#createGroupAction": {
    allowed: ["ADMIN"],
    call: async () => (await groups()).createGroupAction({ slug: "-not-a-slug", name: "Matrix" }),
  },
  "app/(app)/admin/groups/actions.ts#renameGroupAction": {
    allowed: ["ADMIN"],
    call: async () => (await groups()).renameGroupAction({ groupId: missing, name: "Matrix" }),
  },
  "app/(app)/admin/groups/actions.ts#deleteGroupAction": {
    allowed: ["ADMIN"],
    call: async () => (await groups()).deleteGroupAction({ groupId: missing }),
  },
  "app/(app)/admin/groups/actions.ts#addGroupMemberAction": {
    allowed: ["ADMIN"],
    call: async () => (await groups()).addGroupMemberAction({ groupId: missing, userId: missing }),
  },
  "app/(app)/admin/groups/actions.ts#removeGroupMemberAction": {
    allowed: ["ADMIN"],
    call: async () => (await groups()).removeGroupMemberAction({ groupId: missing, userId: missing }),
  },
  "app/(app)/admin/jobs/actions.ts#retryJobAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await import("@/app/(app)/admin/jobs/actions")).retryJobAction({
        queue: "webhook-delivery",
        jobId: "00000000-0000-4000-8000-000000000000",
      }),
  },
  "app/(app)/admin/tokens/actions.ts#createApiTokenAction": {
    allowed: ["ADMIN"],
    call: async () =>
      (await import("@/app/(app)/admin/tokens/actions")).createApiTokenAction({ name: "Matrix", scopes: ["GATE"] }),
  },
  "app/(app)/admin/tokens/actions.ts#revokeApiTokenAction": {
    allowed: ["ADMIN"],
    call: async () => (await import("@/app/(app)/admin/tokens/actions")).revokeApiTokenAction({ tokenId: missing }),
  },
  "app/api/v1/deployments/route.ts#POST": {
    allowed: ["ADMIN", "MANAGER", "REVIEWER", "ENGINEER"],
    call: async () => {
      const { POST } = await import("@/app/api/v1/deployments/route");
      return POST(
        new Request("http://localhost/api/v1/deployments", {
          method: "POST",
          body: JSON.stringify({ service: "svc", environment: "prod", version: "1", templateVersionId: missing }),
        }),
      );
    },
  },
  "app/api/v1/deployments/[id]/items/[itemId]/route.ts#PATCH": {
    allowed: ["ADMIN", "REVIEWER", "ENGINEER"],
    call: async (f) => {
      const { PATCH } = await import("@/app/api/v1/deployments/[id]/items/[itemId]/route");
      const request = new Request(`http://localhost/api/v1/deployments/${f.deploymentId}/items/${f.itemId}`, {
        method: "PATCH",
        body: JSON.stringify({ version: 999, status: "DONE" }),
      });
      return PATCH(request, { params: Promise.resolve({ id: f.deploymentId, itemId: f.itemId }) });
    },
  },
  // Every signed-in user may change their own password; a wrong current one answers 400.
  "app/account/password/actions.ts#changePasswordAction": {
    allowed: [...roles],
    call: async () =>
      (await account()).changePasswordAction({
        currentPassword: "not-the-password",
        newPassword: "a-brand-new-password",
        confirmPassword: "a-brand-new-password",
      }),
  },
  // next-auth's own endpoint: sign-in and sign-out must work without a session.
  "app/api/auth/[...nextauth]/route.ts#POST": { allowed: [...roles], call: () => Promise.resolve(Response.json({})) },
};

/** Server actions ("use server" files) and mutating route handlers under app/. */
function discoverMutations(dir = "app"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return discoverMutations(file);
    if (!/\.(ts|tsx)$/.test(name)) return [];
    const source = readFileSync(file, "utf8");
    if (/^\s*["']use server["']/.test(source)) {
      return [...source.matchAll(/export async function (\w+)/g)].map((m) => `${file}#${m[1]}`);
    }
    if (name === "route.ts") {
      const exported = [
        ...source.matchAll(/export (?:async function|const|\{[^}]*\bas) ?(POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]);
      const aliased = [...source.matchAll(/\bas (POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      return [...new Set([...exported, ...aliased])].map((method) => `${file}#${method}`);
    }
    return [];
  });
}

const prisma = useTestPrisma();
const users = {} as Record<Role, CurrentUser>;
let fixture: Fixture;

beforeAll(async () => {
  for (const role of roles) users[role] = { ...(await createTestUser(prisma, role)), email: `${role}@example.test` };
  const template = await importSmallTemplate(prisma);
  const owner = users.ENGINEER;
  const deployment = await prisma.deployment.create({
    data: {
      service: uniqueKey("m"),
      environment: "prod",
      version: "1",
      ownerId: owner.id,
      templateVersionId: template.versionId,
    },
  });
  const item = await prisma.item.findFirstOrThrow({
    where: { templateVersionId: template.versionId, isLeaf: true, section: { kind: "PRE_DEPLOYMENT" } },
  });
  await prisma.itemState.create({ data: { deploymentId: deployment.id, itemId: item.id } });
  fixture = {
    templateId: template.templateId,
    versionId: template.versionId,
    deploymentId: deployment.id,
    itemId: item.id,
  };
});

function statusOf(result: ActionResult<unknown> | Response): number {
  if (result instanceof Response) return result.status;
  return result.ok ? 200 : result.status;
}

describe("authorization matrix", () => {
  it("lists every mutating server action and route handler", () => {
    expect(discoverMutations().sort()).toEqual(Object.keys(matrix).sort());
  });

  const mutations = Object.entries(matrix).filter(([key]) => !key.includes("[...nextauth]"));
  describe.each(mutations)("%s", (_key, entry) => {
    it.each(roles)("as %s", async (role) => {
      signInAs(users[role]);
      const status = statusOf(await entry.call(fixture));
      if (entry.allowed.includes(role)) expect([401, 403]).not.toContain(status);
      else expect(status).toBe(403);
    });

    it("without a session: 401", async () => {
      signInAs(null);
      expect(statusOf(await entry.call(fixture))).toBe(401);
    });
  });
});
