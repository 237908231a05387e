// The read functions behind the deployment pages: the printable record, the heading, the
// people to assign and the template versions a new deployment can start from.
import { describe, expect, it } from "vitest";
import { getDeploymentHeading, getDeploymentRecord } from "@/lib/deployments/get-deployment-record";
import { listAssignableUsers } from "@/lib/deployments/list-assignable-users";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { listTemplateVersionsForNewDeployment } from "@/lib/templates/queries";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();

describe("deployment page reads", () => {
  it("the record holds the checklist and each decision with the reviewer's name", async () => {
    const { reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "Evidence checked", digest: await digest() });
    const record = (await getDeploymentRecord(deploymentId, { db: prisma }))!;
    expect(record.checklist.deployment.id).toBe(deploymentId);
    expect(record.decisions).toEqual([
      expect.objectContaining({
        decision: "APPROVED",
        comment: "Evidence checked",
        reviewer: reviewers[0]!.name,
        invalidatedBy: null,
      }),
    ]);
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
    expect(await getDeploymentHeading(deploymentId, { db: prisma })).toEqual({
      service: deployment.service,
      version: deployment.version,
    });
  });

  it("an id that cannot be an id, or names nothing, finds nothing", async () => {
    for (const id of ["x".repeat(65), "a\u0000b", "", "no-such-deployment"]) {
      expect(await getDeploymentRecord(id, { db: prisma }), JSON.stringify(id)).toBeNull();
      expect(await getDeploymentHeading(id, { db: prisma }), JSON.stringify(id)).toBeNull();
    }
  });

  it("assignable people are the active ones who may work on checklists", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const viewer = await createTestUser(prisma, "VIEWER");
    const gone = await createTestUser(prisma, "REVIEWER");
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const ids = (await listAssignableUsers({ db: prisma })).map((u) => u.id);
    expect(ids).toContain(engineer.id);
    expect(ids).not.toContain(viewer.id);
    expect(ids).not.toContain(gone.id);
  });

  it("a new deployment offers every version of an active template, the newest marked latest", async () => {
    const template = await importSmallTemplate(prisma);
    const second = await prisma.templateVersion.create({
      data: { templateId: template.templateId, number: 2, title: template.title, sourceMarkdown: "" },
      select: { id: true },
    });
    const archived = await importSmallTemplate(prisma);
    await prisma.template.update({ where: { id: archived.templateId }, data: { archivedAt: new Date() } });
    const choices = await listTemplateVersionsForNewDeployment({ db: prisma });
    const mine = choices.filter((c) => c.label.startsWith(template.title));
    expect(mine).toEqual([
      { id: second.id, label: `${template.title} — v2 (latest)` },
      { id: template.versionId, label: `${template.title} — v1` },
    ]);
    expect(choices.some((c) => c.label.startsWith(archived.title))).toBe(false);
  });
});
