// Separation of duties: whoever worked on a deployment — created it, owns or owned it, named
// its owner, changed an item's status, N/A reason, note or evidence, directly or through an
// API token — may not approve it; the refusal says what they did. Real rows, real routes.
import { afterAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { Actor } from "@/lib/auth/policy";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { editDeployment } from "@/lib/deployments/transitions";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { readMyWork } from "@/lib/my-work/read-my-work";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, runSql, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string }; tokenVersion: number; sid: string },
}));
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(session.current) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const prisma = useTestPrisma();
afterAll(() => void (session.current = null));

const CRITICAL = ["Database password", "API keys", "Backups verified"];
const refusal = (did: string) =>
  `You may not approve this deployment: you ${did}. A reviewer who did not work on it must approve it.`;

async function signIn(user: { id: string }) {
  const { tokenVersion } = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { tokenVersion: true },
  });
  session.current = { user: { id: user.id }, tokenVersion, sid: crypto.randomUUID() };
}

function request(path: string, token: string | null, body: unknown, method = "POST"): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function leaves(deploymentId: string) {
  return leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items));
}

/** Ticks the critical items as `by` (all of them, or only those `by` is given), then submits as the owner. */
async function settleAndSubmit(deploymentId: string, owner: Actor, by: Actor = owner, only?: string[]) {
  for (const leaf of (await leaves(deploymentId)).filter((l) => CRITICAL.includes(l.text))) {
    const who = !only || only.includes(leaf.text) ? by : owner;
    await updateItemState(who, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "DONE" });
  }
  await submitForReview(owner, { deploymentId });
}

const digestOf = async (deploymentId: string) => (await getChecklist(deploymentId))!.digest;

async function attempt(reviewer: Actor, deploymentId: string) {
  return approveDeployment(reviewer, { deploymentId, comment: "ok", digest: await digestOf(deploymentId) });
}

async function signOffCount(deploymentId: string) {
  return prisma.signOff.count({ where: { deploymentId } });
}

describe("separation of duties", () => {
  it("refuses a reviewer who created the deployment for an engineer and ticked its items, and accepts an uninvolved one", async () => {
    const template = await importSmallTemplate(prisma);
    const engineer = await createTestUser(prisma, "ENGINEER");
    const [author, outsider] = [await createTestUser(prisma, "REVIEWER"), await createTestUser(prisma, "REVIEWER")];
    const { id } = await createDeployment(author, {
      service: uniqueKey("svc"),
      environment: "prod",
      version: "1",
      templateVersionId: template.versionId,
      ownerId: engineer.id,
    });
    await settleAndSubmit(id, engineer, author);
    await expect(attempt(author, id)).rejects.toMatchObject({
      status: 403,
      message: refusal("created it and changed the status of 3 of its items"),
      details: { code: "SEPARATION_OF_DUTIES" },
    });
    expect(await signOffCount(id)).toBe(0);
    // The review panel names who did the work.
    const { contributors } = (await getChecklist(id))!.signOff;
    expect(contributors.map((c) => [c.user.id, c.summary.created, c.summary.owner, c.summary.status])).toEqual(
      expect.arrayContaining([
        [author.id, true, false, 3],
        [engineer.id, false, true, 0],
      ]),
    );
    await expect(attempt(outsider, id)).resolves.toMatchObject({ signedOff: true });
  });

  it.each([
    ["status", "changed the status of one of its items", { status: "DONE" as const }],
    [
      "N/A reason",
      "changed the status of one of its items and gave the N/A reason of one item",
      { status: "NOT_APPLICABLE" as const, naReason: "No database here" },
    ],
    ["note", "wrote the note of one item", { note: "Checked with the DBA" }],
    ["evidence", "linked evidence on one item", { evidenceLinks: ["https://ci.example.test/run/1"] }],
  ])("refuses a reviewer who changed an item's %s, naming it", async (_field, did, change) => {
    const { owner, reviewers, deploymentId } = await deploymentInReview(prisma);
    const [helper, outsider] = [reviewers[0]!, reviewers[1]!];
    // A change may send the deployment back to the team: submit it again then.
    const leaf = (await leaves(deploymentId)).find((l) => !CRITICAL.includes(l.text) && l.state!.status === "OPEN")!;
    await updateItemState(helper, { deploymentId, itemId: leaf.id, version: leaf.state!.version, ...change });
    const { status } = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    if (status !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await expect(attempt(helper, deploymentId)).rejects.toMatchObject({ status: 403, message: refusal(did) });
    await expect(attempt(outsider, deploymentId)).resolves.toMatchObject({ signedOff: true });
  });

  it("counts an assignment as no contribution, and the owner as one", async () => {
    const { owner, reviewers, deploymentId } = await deploymentInReview(prisma);
    const leaf = (await leaves(deploymentId)).find((l) => !CRITICAL.includes(l.text))!;
    await updateItemState(reviewers[0]!, {
      deploymentId,
      itemId: leaf.id,
      version: leaf.state!.version,
      assigneeId: owner.id,
    });
    const reviewerOwner = await createTestUser(prisma, "REVIEWER");
    // An owner named by SQL alone (no contribution row) is still refused.
    await runSql(testDatabaseUrl(), `UPDATE "Deployment" SET "ownerId" = $1 WHERE id = $2`, [
      reviewerOwner.id,
      deploymentId,
    ]);
    await expect(attempt(reviewerOwner, deploymentId)).rejects.toMatchObject({ message: refusal("owned it") });
    await expect(attempt(reviewers[0]!, deploymentId)).resolves.toMatchObject({ signedOff: true });
  });

  it("refuses whoever named the owner, and every owner the deployment had", async () => {
    const { owner, reviewers, deploymentId } = await deploymentInReview(prisma);
    const outsider = reviewers[1]!;
    const manager = await createTestUser(prisma, "MANAGER");
    const next = await createTestUser(prisma, "ENGINEER");
    // A manager hands it to another engineer, and the reviewer hands it back.
    await editDeployment(manager, { deploymentId, ownerId: next.id });
    const admin = await createTestUser(prisma, "ADMIN");
    await editDeployment(admin, { deploymentId, ownerId: owner.id });
    const { status } = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    if (status !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await expect(attempt(admin, deploymentId)).rejects.toMatchObject({ message: refusal("named its owner") });
    const rows = await prisma.contribution.findMany({ where: { deploymentId }, orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.kind === "OWNER").map((r) => r.userId)).toEqual([owner.id, next.id, owner.id]);
    expect(rows.filter((r) => r.kind === "OWNER_SET").map((r) => r.userId)).toEqual([manager.id, admin.id]);
    await expect(attempt(outsider, deploymentId)).resolves.toMatchObject({ signedOff: true });
  });

  it("counts a token's writes as its user's: POST /api/v1/deployments naming another owner, and PATCHed items", async () => {
    const template = await importSmallTemplate(prisma);
    const engineer = await createTestUser(prisma, "ENGINEER");
    const [pipelineUser, outsider] = [
      await createTestUser(prisma, "REVIEWER"),
      await createTestUser(prisma, "REVIEWER"),
    ];
    const admin = await createTestUser(prisma, "ADMIN");
    const { token, secret } = await createApiToken(admin, { name: uniqueKey("ci"), scopes: ["WRITE"] });
    await prisma.apiToken.update({ where: { id: token.id }, data: { userId: pipelineUser.id } });

    const created = await (
      await import("@/app/api/v1/deployments/route")
    ).POST(
      request("/api/v1/deployments", secret, {
        service: uniqueKey("svc"),
        environment: "prod",
        version: "1",
        templateVersionId: template.versionId,
        ownerId: engineer.id,
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const item = await import("@/app/api/v1/deployments/[id]/items/[itemId]/route");
    const leaf = (await leaves(id)).find((l) => l.text === "API keys")!;
    const patched = await item.PATCH(
      request(
        `/api/v1/deployments/${id}/items/${leaf.id}`,
        secret,
        { version: leaf.state!.version, status: "DONE" },
        "PATCH",
      ),
      { params: Promise.resolve({ id, itemId: leaf.id }) },
    );
    expect(patched.status).toBe(200);
    const rows = await prisma.contribution.findMany({ where: { deploymentId: id, userId: pipelineUser.id } });
    expect(rows.map((r) => [r.kind, r.apiTokenId])).toEqual(
      expect.arrayContaining([
        ["CREATED", token.id],
        ["OWNER_SET", token.id],
        ["ITEM_STATUS", token.id],
      ]),
    );
    // The owner named by the token's user is theirs, not the token's.
    expect(
      (await prisma.contribution.findFirstOrThrow({ where: { deploymentId: id, kind: "OWNER" } })).apiTokenId,
    ).toBeNull();
    await settleAndSubmit(id, engineer, engineer, []);

    // In the browser's session, over the API: refused with the reason; nothing is signed.
    await signIn(pipelineUser);
    const approvals = await import("@/app/api/v1/deployments/[id]/approvals/route");
    const refused = await approvals.POST(
      request(`/api/v1/deployments/${id}/approvals`, null, { comment: "ok", digest: await digestOf(id) }),
      {
        params: Promise.resolve({ id }),
      },
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: refusal("created it and changed the status of one of its items"),
    });
    const { approveDeploymentAction } = await import("@/app/(app)/deployments/actions");
    expect(
      await approveDeploymentAction({ deploymentId: id, comment: "ok", digest: await digestOf(id) }),
    ).toMatchObject({
      ok: false,
      status: 403,
      error: refusal("created it and changed the status of one of its items"),
    });
    expect(await signOffCount(id)).toBe(0);
    await signIn(outsider);
    const accepted = await approvals.POST(
      request(`/api/v1/deployments/${id}/approvals`, null, { comment: "ok", digest: await digestOf(id) }),
      {
        params: Promise.resolve({ id }),
      },
    );
    expect(accepted.status).toBe(201);
  });

  it("shows a reviewer on My work only the deployments they may approve", async () => {
    const { deploymentId, reviewers } = await deploymentInReview(prisma);
    const [helper, outsider] = [reviewers[0]!, reviewers[1]!];
    const leaf = (await leaves(deploymentId)).find((l) => !CRITICAL.includes(l.text))!;
    await updateItemState(helper, { deploymentId, itemId: leaf.id, version: leaf.state!.version, note: "seen" });
    const waiting = async (reviewer: Actor) => (await readMyWork(reviewer)).reviews.map((d) => d.id);
    expect(await waiting(helper)).not.toContain(deploymentId);
    expect(await waiting(outsider)).toContain(deploymentId);
  });

  it("keeps the record append-only", async () => {
    const { deploymentId } = await deploymentInReview(prisma);
    await expect(
      runSql(testDatabaseUrl(), `DELETE FROM "Contribution" WHERE "deploymentId" = $1`, [deploymentId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      runSql(testDatabaseUrl(), `UPDATE "Contribution" SET "userId" = "userId" WHERE "deploymentId" = $1`, [
        deploymentId,
      ]),
    ).rejects.toThrow(/append-only/);
  });
});
