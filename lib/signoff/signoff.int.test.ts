import { describe, expect, it } from "vitest";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { deploymentInReview, raceTwoApprovalsAndAnItemChange } from "@/test/signoff-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { utcDay } from "@/lib/format";

const prisma = useTestPrisma();

const inReview = (requiredApprovals = 1) => deploymentInReview(prisma, requiredApprovals);

const status = (id: string) => prisma.deployment.findUniqueOrThrow({ where: { id } }).then((d) => d.status);

describe("sign-off", () => {
  it("cannot be requested while a critical item is open", async () => {
    const owner = await createTestUser(prisma, "ENGINEER");
    const template = await importSmallTemplate(prisma);
    const { id } = await createDeployment(owner, {
      service: uniqueKey("svc"),
      environment: "prod",
      version: "1",
      templateVersionId: template.versionId,
    });
    await expect(submitForReview(owner, { deploymentId: id })).rejects.toMatchObject({
      message: "3 critical item(s) are still open; settle them before asking for review.",
      details: { code: "TRANSITION_NOT_ALLOWED", reasons: [{ code: "OPEN_CRITICAL_ITEMS" }] },
    });
  });

  it("records reviewer, comment, digest and next review date, and signs the deployment off", async () => {
    const { reviewers, deploymentId, digest } = await inReview();
    const seen = await digest();
    const result = await approveDeployment(reviewers[0]!, {
      deploymentId,
      comment: "Looks good",
      digest: seen,
      nextReviewAt: utcDay(45),
    });
    expect(result).toEqual({ signedOff: true, approvals: 1, required: 1, missingGroups: [] });
    expect(await status(deploymentId)).toBe("SIGNED_OFF");
    const signOff = await prisma.signOff.findFirstOrThrow({ where: { deploymentId } });
    expect(signOff).toMatchObject({
      reviewerId: reviewers[0]!.id,
      decision: "APPROVED",
      comment: "Looks good",
      digest: seen,
      invalidatedAt: null,
    });
    expect(signOff.nextReviewAt!.toISOString()).toBe(`${utcDay(45)}T00:00:00.000Z`);
    const view = (await getChecklist(deploymentId))!.signOff;
    expect(view.footer).toMatchObject({ reviewedBy: reviewers[0]!.name, nextReview: `${utcDay(45)}T00:00:00.000Z` });
  });

  it("bounds the next review: in the future, and at most twice the template's interval away", async () => {
    const { reviewers, deploymentId, digest } = await inReview();
    const attempt = async (nextReviewAt: string) =>
      approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: await digest(), nextReviewAt });
    await expect(attempt("9999-12-31")).rejects.toMatchObject({
      status: 400,
      message: `nextReviewAt: The next review must be within 60 days (twice the review interval of 30 days): ${utcDay(60)} at the latest.`,
      fieldErrors: { nextReviewAt: expect.stringContaining("within 60 days") },
    });
    await expect(attempt(utcDay(0))).rejects.toMatchObject({ status: 400 });
    expect(await prisma.signOff.count({ where: { deploymentId } })).toBe(0);
    await expect(attempt(utcDay(60))).resolves.toMatchObject({ signedOff: true });
  });

  it("defaults the next review to the approval date plus the template's interval", async () => {
    const { reviewers, deploymentId, digest } = await inReview();
    const before = Date.now();
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: await digest() });
    const signOff = await prisma.signOff.findFirstOrThrow({ where: { deploymentId } });
    const days = (signOff.nextReviewAt!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(30 - 0.01);
    expect(days).toBeLessThan(30.01);
  });

  it("is never given by the deployment's owner, even a reviewer who owns it", async () => {
    const reviewerOwner = await createTestUser(prisma, "REVIEWER");
    const { deploymentId, digest } = await inReview();
    await prisma.deployment.update({ where: { id: deploymentId }, data: { ownerId: reviewerOwner.id } });
    await expect(
      approveDeployment(reviewerOwner, { deploymentId, comment: "", digest: await digest() }),
    ).rejects.toMatchObject({ status: 403 });
    const engineer = await createTestUser(prisma, "ENGINEER");
    await expect(
      approveDeployment(engineer, { deploymentId, comment: "", digest: await digest() }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await prisma.signOff.count({ where: { deploymentId } })).toBe(0);
  });

  it("needs as many distinct reviewers as the template requires", async () => {
    const { reviewers, deploymentId, digest } = await inReview(2);
    expect(await approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: await digest() })).toMatchObject(
      { signedOff: false, approvals: 1 },
    );
    await expect(
      approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: await digest() }),
    ).rejects.toThrow("already approved");
    expect(await status(deploymentId)).toBe("READY_FOR_REVIEW");
    expect(await approveDeployment(reviewers[1]!, { deploymentId, comment: "", digest: await digest() })).toMatchObject(
      { signedOff: true, approvals: 2 },
    );
  });

  it("is invalidated in the same transaction by a later item change, with the reason and the audit trail", async () => {
    const { owner, reviewers, deploymentId, digest, leaves } = await inReview();
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "ok", digest: await digest() });
    const leaf = (await leaves()).find((l) => l.text === "Backups verified")!;
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "OPEN" });

    expect(await status(deploymentId)).toBe("IN_PROGRESS");
    const signOff = await prisma.signOff.findFirstOrThrow({ where: { deploymentId } });
    expect(signOff.invalidatedAt).toBeInstanceOf(Date);
    expect(signOff.invalidatedById).toBe(owner.id);
    expect(signOff.invalidationReason).toContain("Backups verified");
    const view = (await getChecklist(deploymentId))!.signOff;
    expect(view.approvals).toEqual([]);
    expect(view.invalidation).toMatchObject({ by: owner.name, reason: expect.stringContaining("Backups verified") });
    expect(await prisma.auditEvent.count({ where: { entityId: deploymentId, action: "signoff.invalidate" } })).toBe(1);
  });

  it("after a change that keeps the gate ready, goes back to review", async () => {
    const { owner, reviewers, deploymentId, digest, leaves } = await inReview();
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "ok", digest: await digest() });
    const leaf = (await leaves()).find((l) => l.text === "Alerts configured")!;
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "DONE" });
    expect(await status(deploymentId)).toBe("READY_FOR_REVIEW");
  });

  it("refuses an approval of a checklist that changed after the reviewer looked", async () => {
    const { owner, reviewers, deploymentId, digest, leaves } = await inReview();
    const seen = await digest();
    const leaf = (await leaves()).find((l) => l.text === "Alerts configured")!;
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, note: "added a note" });
    await expect(approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: seen })).rejects.toThrow(
      "The checklist changed while you were reviewing it",
    );
  });

  it("rejection returns the deployment to the team with the comment", async () => {
    const { reviewers, deploymentId } = await inReview();
    await rejectDeployment(reviewers[0]!, { deploymentId, comment: "Add the restore drill evidence" });
    expect(await status(deploymentId)).toBe("REJECTED");
    expect((await getChecklist(deploymentId))!.signOff.rejection).toMatchObject({
      reviewer: reviewers[0]!.name,
      comment: "Add the restore drill evidence",
    });
  });
});

describe("sign-off races", () => {
  it("two reviewers approving at once and an item changing end in one consistent state, every time", async () => {
    for (let round = 0; round < 5; round++) await raceTwoApprovalsAndAnItemChange(prisma);
  });
});
