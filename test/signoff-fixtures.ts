// Deployments in review and the sign-off race, shared by the sign-off integration tests and
// the reliability suite (which runs the race a hundred times).
import { expect } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import type { PrismaClient } from "@/lib/db/client";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey } from "@/test/db";

/** A deployment owned by an engineer, its critical items done, submitted for review. */
export async function deploymentInReview(prisma: PrismaClient, requiredApprovals = 1) {
  const owner = await createTestUser(prisma, "ENGINEER");
  const reviewers = [await createTestUser(prisma, "REVIEWER"), await createTestUser(prisma, "REVIEWER")];
  const template = await importSmallTemplate(prisma);
  await prisma.templateVersion.updateMany({ where: { templateId: template.templateId }, data: { requiredApprovals } });
  const { id: deploymentId } = await createDeployment(owner, {
    service: uniqueKey("svc"),
    environment: "prod",
    version: "1",
    templateVersionId: template.versionId,
  });
  const leaves = () => getChecklist(deploymentId).then((c) => leavesOf(c!.sections.flatMap((s) => s.items)));
  for (const leaf of (await leaves()).filter((l) =>
    ["Database password", "API keys", "Backups verified"].includes(l.text),
  )) {
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "DONE" });
  }
  await submitForReview(owner, { deploymentId });
  const digest = async () => (await getChecklist(deploymentId))!.digest;
  return { owner, reviewers, deploymentId, leaves, digest };
}

/** Two reviewers approve the same state while the owner reopens a critical item, all at
 * once. Whatever order the database serialises them in, the end state must be consistent:
 * the item is open, the deployment is back in progress and no approval stands. */
export async function raceTwoApprovalsAndAnItemChange(prisma: PrismaClient): Promise<void> {
  const { owner, reviewers, deploymentId, digest, leaves } = await deploymentInReview(prisma);
  const seen = await digest();
  const leaf = (await leaves()).find((l) => l.text === "API keys")!;
  const [first, second, change] = await Promise.allSettled([
    approveDeployment(reviewers[0]!, { deploymentId, comment: "a", digest: seen }),
    approveDeployment(reviewers[1]!, { deploymentId, comment: "b", digest: seen }),
    updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "OPEN" }),
  ]);
  expect(change.status, "the item change always succeeds").toBe("fulfilled");
  // At most one approval wins (one is required), and none survives the reopened item.
  expect([first, second].filter((o) => o.status === "fulfilled").length).toBeLessThanOrEqual(1);
  const approvals = await prisma.signOff.findMany({ where: { deploymentId, decision: "APPROVED" } });
  expect(approvals.length).toBeLessThanOrEqual(1);
  expect(approvals.every((a) => a.invalidatedAt !== null)).toBe(true);
  const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
  expect(deployment.status).toBe("IN_PROGRESS");
  const state = await prisma.itemState.findUniqueOrThrow({
    where: { deploymentId_itemId: { deploymentId, itemId: leaf.id } },
  });
  expect(state.status).toBe("OPEN");
}
