// The waiver state machine against a real database: request, approve (one reviewer, two for
// a CRITICAL item where the template allows it), reject, revoke, expire (expiry moved into
// the past in the database), and what each does to readiness, the lists and the gate.
import { describe, expect, it } from "vitest";
import { evaluateGate } from "@/lib/api/v1/gate";
import type { Actor } from "@/lib/auth/policy";
import { leavesOf } from "@/lib/checklists/tree";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { countDeployments } from "@/lib/deployments/list-query";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { utcDay } from "@/lib/format";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { decideWaiver } from "@/lib/waivers/decide-waiver";
import { expireWaivers } from "@/lib/waivers/expire-waivers";
import { countMyWork } from "@/lib/my-work/count-my-work";
import { readMyWork } from "@/lib/my-work/read-my-work";
import { listWaivers } from "@/lib/waivers/queries";
import { requestWaiver } from "@/lib/waivers/request-waiver";
import { revokeWaiver } from "@/lib/waivers/revoke-waiver";
import { createTestUser, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();

async function leaf(deploymentId: string, text: string) {
  const leaves = leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items));
  return leaves.find((l) => l.text === text)!;
}

async function status(deploymentId: string) {
  return (await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status;
}

async function waive(actor: Actor, deploymentId: string, text: string, expiresOn?: string) {
  const item = await leaf(deploymentId, text);
  return requestWaiver(actor, {
    deploymentId,
    itemId: item.id,
    reason: "The alerting rewrite ships next sprint",
    control: "https://tickets.example.test/OPS-42",
    ...(expiresOn ? { expiresOn } : {}),
  });
}

const gateCodes = async (deploymentId: string) => {
  const verdict = (await evaluateGate(deploymentId))!;
  return verdict.ready ? [] : verdict.reasons.map((r) => r.code);
};

describe("waivers", () => {
  it("settle a HIGH item once a reviewer who did not work on it approves; Go with waivers; the gate opens", async () => {
    const { owner, reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    const waiverReviewer = reviewers[0]!;
    await updateItemState(owner, {
      deploymentId,
      itemId: (await leaf(deploymentId, "Runbook linked")).id,
      version: (await leaf(deploymentId, "Runbook linked")).state!.version,
      status: "DONE",
    });
    if ((await status(deploymentId)) !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    const { id, requiredApprovals, expiresAt } = await waive(owner, deploymentId, "Alerts configured");
    expect(requiredApprovals).toBe(1);
    expect(expiresAt).toBe(`${utcDay(30)}T23:59:59.999Z`);

    // Pending: settles nothing, and the gate says so.
    expect((await getChecklist(deploymentId))!.readiness).toMatchObject({ verdict: "GO_WITH_RISKS" });
    expect(await gateCodes(deploymentId)).toEqual(expect.arrayContaining(["WAIVER_PENDING"]));

    // Who asked may not approve; who worked on it neither.
    await expect(decideWaiver(owner, { waiverId: id, decision: "approve" })).rejects.toMatchObject({ status: 403 });
    const helper = await createTestUser(prisma, "REVIEWER");
    const note = await leaf(deploymentId, "Smoke test passed");
    await updateItemState(helper, { deploymentId, itemId: note.id, version: note.state!.version, note: "seen" });
    await expect(decideWaiver(helper, { waiverId: id, decision: "approve" })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining(
        "You may not approve waivers of this deployment: you wrote the note of one item.",
      ),
    });

    await expect(
      decideWaiver(waiverReviewer, { waiverId: id, decision: "approve", comment: "OK for a sprint" }),
    ).resolves.toEqual({
      status: "APPROVED",
      approvals: 1,
      required: 1,
    });
    const checklist = (await getChecklist(deploymentId))!;
    expect(checklist.readiness.verdict).toBe("GO_WITH_WAIVERS");
    expect(checklist.readiness.byPriority.HIGH).toMatchObject({ total: 2, done: 1, waived: 1, open: 0, percent: 100 });
    // The aggregate query and the list filter agree with the page.
    expect((await readinessByDeployment([deploymentId])).get(deploymentId)).toEqual(checklist.readiness);
    expect(await countDeployments({ verdict: "GO_WITH_WAIVERS", service: checklist.deployment.service })).toBe(1);
    expect(await countDeployments({ verdict: "GO_WITH_RISKS", service: checklist.deployment.service })).toBe(0);
    expect(
      checklist.sections.flatMap((s) => leavesOf(s.items)).find((l) => l.text === "Alerts configured")!.waiver,
    ).toMatchObject({
      status: "APPROVED",
      approvals: [{ reviewer: { id: waiverReviewer.id }, comment: "OK for a sprint" }],
    });

    // Approving a waiver is no work on the deployment: its approver may sign it off too.
    await approveDeployment(waiverReviewer, { deploymentId, comment: "ok", digest: await digest() });
    expect(await gateCodes(deploymentId)).toEqual([]);
    expect((await listWaivers()).active.concat((await listWaivers()).expiring).map((w) => w.id)).toContain(id);
  });

  it("expire: the gate refuses at once, and the job runner withdraws the sign-off that relied on it", async () => {
    const { owner, reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    const { id } = await waive(owner, deploymentId, "Alerts configured");
    await decideWaiver(reviewers[0]!, { waiverId: id, decision: "approve" });
    if ((await status(deploymentId)) !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await approveDeployment(reviewers[1]!, { deploymentId, comment: "ok", digest: await digest() });
    expect(await gateCodes(deploymentId)).toEqual([]);

    await prisma.waiver.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    // Before the job runs, the read already distrusts it.
    expect(await gateCodes(deploymentId)).toEqual(["WAIVER_EXPIRED"]);
    expect((await getChecklist(deploymentId))!.readiness.verdict).toBe("GO_WITH_RISKS");

    expect(await expireWaivers({ db: prisma })).toMatchObject({ expired: 1, signOffsWithdrawn: 1 });
    expect(await expireWaivers({ db: prisma })).toMatchObject({ expired: 0 });
    expect((await prisma.waiver.findUniqueOrThrow({ where: { id } })).status).toBe("EXPIRED");
    const checklist = (await getChecklist(deploymentId))!;
    expect(checklist.signOff.invalidation?.reason).toBe("The waiver of “Alerts configured” expired");
    expect(await gateCodes(deploymentId)).toEqual(expect.arrayContaining(["WAIVER_EXPIRED", "SIGNOFF_INVALIDATED"]));
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "waiver.expire" } });
    expect(audit).toMatchObject({ actorLabel: "system", after: { status: "EXPIRED", approvalsWithdrawn: 1 } });
    expect((await listWaivers()).expired.map((w) => w.id)).toContain(id);

    // Settling the item clears it.
    const alerts = await leaf(deploymentId, "Alerts configured");
    await updateItemState(owner, { deploymentId, itemId: alerts.id, version: alerts.state!.version, status: "DONE" });
    expect(await gateCodes(deploymentId)).not.toContain("WAIVER_EXPIRED");
  });

  it("reject needs a reason and leaves the item open; revoke ends one in force and withdraws the sign-off", async () => {
    const { owner, reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    const first = await waive(owner, deploymentId, "Alerts configured");
    await expect(decideWaiver(reviewers[0]!, { waiverId: first.id, decision: "reject" })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { comment: "Say why the waiver is rejected." },
    });
    await decideWaiver(reviewers[0]!, { waiverId: first.id, decision: "reject", comment: "Fix it now" });
    await expect(decideWaiver(reviewers[1]!, { waiverId: first.id, decision: "approve" })).rejects.toMatchObject({
      status: 409,
    });
    expect((await getChecklist(deploymentId))!.readiness.verdict).toBe("GO_WITH_RISKS");

    const second = await waive(owner, deploymentId, "Alerts configured");
    await expect(waive(owner, deploymentId, "Alerts configured")).rejects.toMatchObject({
      status: 409,
      message: "This item already has a waiver awaiting approval.",
    });
    await decideWaiver(reviewers[0]!, { waiverId: second.id, decision: "approve" });
    if ((await status(deploymentId)) !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await approveDeployment(reviewers[1]!, { deploymentId, comment: "ok", digest: await digest() });
    const viewer = await createTestUser(prisma, "ENGINEER");
    await expect(revokeWaiver(viewer, { waiverId: second.id, reason: "no" })).rejects.toMatchObject({ status: 403 });
    await revokeWaiver(owner, { waiverId: second.id, reason: "Fixed after all" });
    const checklist = (await getChecklist(deploymentId))!;
    expect(checklist.readiness.verdict).toBe("GO_WITH_RISKS");
    expect(checklist.signOff.invalidation?.reason).toBe("The waiver of “Alerts configured” was revoked");
    expect(checklist.waivers.map((w) => w.status)).toEqual(["REVOKED", "REJECTED"]);
  });

  it("refuse a CRITICAL item unless the template allows it, and then need two distinct approvers", async () => {
    const { owner, reviewers, deploymentId } = await deploymentInReview(prisma);
    const backups = await leaf(deploymentId, "Backups verified");
    await updateItemState(owner, { deploymentId, itemId: backups.id, version: backups.state!.version, status: "OPEN" });
    await expect(waive(owner, deploymentId, "Backups verified")).rejects.toMatchObject({
      status: 403,
      details: { code: "CRITICAL_WAIVER_NOT_ALLOWED" },
    });
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    await prisma.templateVersion.update({
      where: { id: deployment.templateVersionId },
      data: { allowCriticalWaivers: true },
    });
    const { id, requiredApprovals } = await waive(owner, deploymentId, "Backups verified");
    expect(requiredApprovals).toBe(2);
    await expect(decideWaiver(reviewers[0]!, { waiverId: id, decision: "approve" })).resolves.toMatchObject({
      status: "PENDING",
      approvals: 1,
    });
    await expect(decideWaiver(reviewers[0]!, { waiverId: id, decision: "approve" })).rejects.toMatchObject({
      status: 409,
    });
    expect((await getChecklist(deploymentId))!.readiness.ready).toBe(false);
    await expect(decideWaiver(reviewers[1]!, { waiverId: id, decision: "approve" })).resolves.toMatchObject({
      status: "APPROVED",
      approvals: 2,
    });
    expect((await getChecklist(deploymentId))!.readiness).toMatchObject({ ready: true });
  });

  it("with 'open HIGH items block the gate', submitting needs every HIGH item settled or waived; without, not", async () => {
    const { owner, reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    await prisma.templateVersion.update({
      where: { id: deployment.templateVersionId },
      data: { highBlocksGate: true },
    });
    // The reopened item sends it back to work; submitting again meets the HIGH rule.
    const backups = await leaf(deploymentId, "Backups verified");
    await updateItemState(owner, { deploymentId, itemId: backups.id, version: backups.state!.version, status: "OPEN" });
    const again = await leaf(deploymentId, "Backups verified");
    await updateItemState(owner, { deploymentId, itemId: again.id, version: again.state!.version, status: "DONE" });
    if ((await status(deploymentId)) === "READY_FOR_REVIEW") {
      expect(await gateCodes(deploymentId)).toEqual(expect.arrayContaining(["OPEN_HIGH_ITEMS"]));
    } else {
      await expect(submitForReview(owner, { deploymentId })).rejects.toMatchObject({
        details: { reasons: [{ code: "OPEN_HIGH_ITEMS" }] },
      });
    }
    const runbook = await leaf(deploymentId, "Runbook linked");
    await updateItemState(owner, { deploymentId, itemId: runbook.id, version: runbook.state!.version, status: "DONE" });
    const { id } = await waive(owner, deploymentId, "Alerts configured");
    await decideWaiver(reviewers[0]!, { waiverId: id, decision: "approve" });
    if ((await status(deploymentId)) !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await approveDeployment(reviewers[1]!, { deploymentId, comment: "ok", digest: await digest() });
    expect(await gateCodes(deploymentId)).toEqual([]);
  });

  it("wait on My work for the reviewers who may decide them, and leave it once decided", async () => {
    const { owner, reviewers, deploymentId } = await deploymentInReview(prisma);
    const { id } = await waive(owner, deploymentId, "Alerts configured");
    const helper = await createTestUser(prisma, "REVIEWER");
    const runbook = await leaf(deploymentId, "Runbook linked");
    await updateItemState(helper, { deploymentId, itemId: runbook.id, version: runbook.state!.version, note: "x" });
    const waiting = async (actor: Actor) => (await readMyWork(actor)).waivers.map((w) => w.id);
    expect(await waiting(reviewers[0]!)).toContain(id);
    expect(await waiting(helper)).not.toContain(id);
    const work = await readMyWork(reviewers[0]!);
    expect(await countMyWork(reviewers[0]!)).toBe(work.total);
    expect(work.waivers.find((w) => w.id === id)).toMatchObject({
      text: "Alerts configured",
      requestedBy: owner.name,
      approvals: 0,
      href: expect.stringMatching(new RegExp(`^/deployments/${deploymentId}\\?item=`)),
    });
    await decideWaiver(reviewers[1]!, { waiverId: id, decision: "approve" });
    expect(await waiting(reviewers[0]!)).not.toContain(id);
  });

  it("bound the expiry by the template's review interval, and only open pre-deployment items can be waived", async () => {
    const { owner, deploymentId } = await deploymentInReview(prisma);
    await expect(waive(owner, deploymentId, "Alerts configured", utcDay(31))).rejects.toMatchObject({
      status: 400,
      fieldErrors: {
        expiresOn: `A waiver may run at most 30 days (the template's review interval): ${utcDay(30)} at the latest.`,
      },
    });
    await expect(waive(owner, deploymentId, "Alerts configured", utcDay(0))).rejects.toMatchObject({ status: 400 });
    await expect(waive(owner, deploymentId, "Backups verified")).rejects.toMatchObject({
      status: 409,
      message: "Only an open item can be waived; this one is settled already.",
    });
    await expect(waive(owner, deploymentId, "Smoke test passed")).rejects.toMatchObject({ status: 400 });
    expect(await prisma.waiver.count({ where: { deploymentId } })).toBe(0);
    // Asking is work on the deployment.
    await waive(owner, deploymentId, "Alerts configured", utcDay(10));
    expect(
      await prisma.contribution.count({ where: { deploymentId, userId: owner.id, kind: "WAIVER_REQUESTED" } }),
    ).toBe(1);
  });
});
