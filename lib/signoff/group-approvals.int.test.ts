// Approvers per section: a version naming reviewer groups signs off only when each group has
// an approval by a distinct member who did not work on the deployment; the gate names the
// groups still missing, and the overview's aggregate agrees with the page.
import { describe, expect, it } from "vitest";
import { evaluateGate } from "@/lib/api/v1/gate";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { clearedToShipIds } from "@/lib/deployments/readiness-query";
import { addGroupMember, createGroup } from "@/lib/groups/manage";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();

describe("approvals per reviewer group", () => {
  it("needs one distinct member of each group the version names; the gate names those missing", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const [compliance, release] = [uniqueKey("compliance"), uniqueKey("release")];
    const complianceGroup = await createGroup(admin, { slug: compliance, name: "Compliance" });
    const releaseGroup = await createGroup(admin, { slug: release, name: "Release managers" });
    const { deploymentId, digest } = await deploymentInReview(prisma);
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    // The whole checklist needs a release manager; its CRITICAL section a compliance member.
    await prisma.templateVersion.update({
      where: { id: deployment.templateVersionId },
      data: { approverGroupId: releaseGroup.id, requiredApprovals: 1 },
    });
    await prisma.section.updateMany({
      where: { templateVersionId: deployment.templateVersionId, priority: "CRITICAL" },
      data: { approverGroupId: complianceGroup.id },
    });
    const [both, auditor, outsider] = await Promise.all(
      ["REVIEWER", "REVIEWER", "REVIEWER"].map(() => createTestUser(prisma, "REVIEWER")),
    );
    for (const [user, groupId] of [
      [both!, complianceGroup.id],
      [both!, releaseGroup.id],
      [auditor!, complianceGroup.id],
    ] as const)
      await addGroupMember(admin, { groupId, userId: user.id });

    const reasons = async () => {
      const verdict = (await evaluateGate(deploymentId))!;
      return verdict.ready ? [] : verdict.reasons;
    };
    expect((await getChecklist(deploymentId))!.signOff).toMatchObject({
      requiredGroups: [release, compliance],
      unmetGroups: [release, compliance],
    });

    // Someone in neither group adds an approval that counts for no group.
    const first = await approveDeployment(outsider!, { deploymentId, comment: "ok", digest: await digest() });
    expect(first).toMatchObject({ signedOff: false, approvals: 1, required: 1, missingGroups: [release, compliance] });
    // A member of both counts for one of them only.
    const second = await approveDeployment(both!, { deploymentId, comment: "ok", digest: await digest() });
    expect(second).toMatchObject({ signedOff: false, missingGroups: [compliance] });
    expect(await reasons()).toEqual([
      {
        code: "MISSING_APPROVALS",
        message: `No approval yet from “${compliance}” (each group needs a different approver).`,
      },
    ]);
    expect(await clearedToShipIds()).not.toContain(deploymentId);

    // A compliance member completes it: release by `both`, compliance by `auditor`.
    const third = await approveDeployment(auditor!, { deploymentId, comment: "ok", digest: await digest() });
    expect(third).toMatchObject({ signedOff: true, missingGroups: [] });
    expect(await reasons()).toEqual([]);
    expect(await clearedToShipIds()).toContain(deploymentId);
    const stored = await prisma.signOff.findMany({ where: { deploymentId }, orderBy: { createdAt: "asc" } });
    expect(stored.map((s) => s.groups)).toEqual([[], [compliance, release].sort(), [compliance]]);
  });
});
