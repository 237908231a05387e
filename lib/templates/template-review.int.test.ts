import { describe, expect, it } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { markTemplateReviewed } from "@/lib/templates/mark-template-reviewed";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { setTemplatePeople } from "@/lib/templates/set-template-people";
import { readVersionStructure } from "@/lib/templates/store-version";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const DAY = 86_400_000;

async function setUp() {
  const admin = await createTestUser(prisma, "ADMIN");
  const reviewer = await createTestUser(prisma, "REVIEWER");
  const template = await importSmallTemplate(prisma); // "Date + 30 days"
  const latestStructure = async () => {
    const latest = await prisma.templateVersion.findFirstOrThrow({
      where: { templateId: template.templateId },
      orderBy: { number: "desc" },
    });
    return { number: latest.number, structure: (await readVersionStructure(prisma, latest.id))! };
  };
  return { admin, reviewer, template, latestStructure };
}

const templateRow = (id: string) =>
  prisma.template.findUniqueOrThrow({
    where: { id },
    select: { lastReviewedAt: true, nextReviewAt: true, reviewerId: true, ownerId: true },
  });

describe("marking a template reviewed", () => {
  it("records now as the last review and the next one after the latest version's interval, audited", async () => {
    const { admin, reviewer, template, latestStructure } = await setUp();
    // Version 2 reviews every 60 days: the template's interval is its latest version's.
    const v1 = await latestStructure();
    await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: 1,
      structure: { ...v1.structure, reviewIntervalDays: 60 },
    });
    const before = await templateRow(template.templateId);
    const now = new Date("2030-03-10T15:00:00Z");

    const review = await markTemplateReviewed(reviewer, { templateId: template.templateId }, { db: prisma, now });
    expect(review).toEqual({
      lastReviewedAt: now,
      nextReviewAt: new Date(now.getTime() + 60 * DAY),
      // The template had no reviewer: the person who reviewed it is now its reviewer.
      reviewerId: reviewer.id,
    });
    expect(await templateRow(template.templateId)).toMatchObject(review);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: template.templateId, action: "template.review" },
    });
    expect(audit.actorId).toBe(reviewer.id);
    expect(audit.before).toEqual({
      lastReviewedAt: null,
      nextReviewAt: before.nextReviewAt!.toISOString(),
      reviewerId: null,
    });
    expect(audit.after).toEqual({
      lastReviewedAt: now.toISOString(),
      nextReviewAt: review.nextReviewAt.toISOString(),
      reviewerId: reviewer.id,
      intervalDays: 60,
    });
  });

  it("takes a chosen next review day after today and within twice the interval, refuses others, and keeps an assigned reviewer", async () => {
    const { admin, reviewer, template } = await setUp();
    await setTemplatePeople(admin, { templateId: template.templateId, reviewerId: reviewer.id });
    const now = new Date("2030-03-10T23:30:00Z");
    const options = { db: prisma, now };

    for (const day of ["2030-03-10", "2030-03-09", "2029-12-31"]) {
      await expect(
        markTemplateReviewed(admin, { templateId: template.templateId, nextReviewAt: day }, options),
      ).rejects.toMatchObject({
        status: 400,
        fieldErrors: { nextReviewAt: "The next review must be in the future (tomorrow or later)." },
      });
    }
    // No review stands forever: twice the interval (30 days) at most.
    for (const day of ["2030-05-10", "9999-12-31"]) {
      await expect(
        markTemplateReviewed(admin, { templateId: template.templateId, nextReviewAt: day }, options),
      ).rejects.toMatchObject({
        status: 400,
        fieldErrors: {
          nextReviewAt:
            "The next review must be within 60 days (twice the review interval of 30 days): 2030-05-09 at the latest.",
        },
      });
    }
    await expect(
      markTemplateReviewed(admin, { templateId: template.templateId, nextReviewAt: "2030-02-30" }, options),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { nextReviewAt: "That date does not exist." } });
    expect(await prisma.auditEvent.count({ where: { entityId: template.templateId, action: "template.review" } })).toBe(
      0,
    );

    const review = await markTemplateReviewed(
      admin,
      { templateId: template.templateId, nextReviewAt: "2030-03-11" },
      options,
    );
    // An admin standing in does not take the assigned reviewer's place; the audit names who reviewed.
    expect(review).toEqual({
      lastReviewedAt: now,
      nextReviewAt: new Date("2030-03-11T00:00:00Z"),
      reviewerId: reviewer.id,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: template.templateId, action: "template.review" },
    });
    expect(audit).toMatchObject({ actorId: admin.id, after: { intervalDays: null } });
  });

  it("is for reviewers and admins only, and finds no archived or unknown template", async () => {
    const { template } = await setUp();
    for (const role of ["VIEWER", "ENGINEER", "MANAGER"] as const) {
      const user = await createTestUser(prisma, role);
      await expect(markTemplateReviewed(user, { templateId: template.templateId })).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(markTemplateReviewed(null, { templateId: template.templateId })).rejects.toMatchObject({
      status: 401,
    });
    const reviewer = await createTestUser(prisma, "REVIEWER");
    await expect(markTemplateReviewed(reviewer, { templateId: "does-not-exist" })).rejects.toMatchObject({
      status: 404,
    });
    expect((await templateRow(template.templateId)).lastReviewedAt).toBeNull();
  });
});

describe("a template's owner and reviewer", () => {
  it("are set by an admin: an owner who works on deployments, a reviewer who may review; null clears; audited", async () => {
    const { admin, reviewer, template } = await setUp();
    const engineer = await createTestUser(prisma, "ENGINEER");
    const viewer = await createTestUser(prisma, "VIEWER");
    const inactive = await prisma.user.create({
      data: { email: `${uniqueKey("gone")}@example.test`, name: "Gone", role: "REVIEWER", active: false },
    });
    const { templateId } = template;

    await expect(setTemplatePeople(admin, { templateId, ownerId: viewer.id })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { ownerId: expect.stringContaining("owner") },
    });
    await expect(setTemplatePeople(admin, { templateId, ownerId: inactive.id })).rejects.toMatchObject({
      fieldErrors: { ownerId: expect.any(String) },
    });
    await expect(setTemplatePeople(admin, { templateId, reviewerId: engineer.id })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { reviewerId: "The reviewer must be an active reviewer or admin." },
    });
    await expect(setTemplatePeople(admin, { templateId, reviewerId: inactive.id })).rejects.toMatchObject({
      fieldErrors: { reviewerId: expect.any(String) },
    });
    await expect(setTemplatePeople(admin, { templateId, reviewerId: "no-such-user" })).rejects.toMatchObject({
      fieldErrors: { reviewerId: expect.any(String) },
    });
    await expect(setTemplatePeople(admin, { templateId })).rejects.toMatchObject({ status: 400 });

    const before = await templateRow(templateId);
    expect(await setTemplatePeople(admin, { templateId, ownerId: engineer.id, reviewerId: reviewer.id })).toEqual({
      ownerId: engineer.id,
      reviewerId: reviewer.id,
    });
    // A field left out stays; null clears.
    expect(await setTemplatePeople(admin, { templateId, ownerId: null })).toEqual({
      ownerId: null,
      reviewerId: reviewer.id,
    });
    expect(await templateRow(templateId)).toMatchObject({ ownerId: null, reviewerId: reviewer.id });

    const events = await prisma.auditEvent.findMany({
      where: { entityId: templateId, action: "template.people" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.actorId, e.before, e.after])).toEqual([
      [admin.id, { ownerId: before.ownerId, reviewerId: null }, { ownerId: engineer.id, reviewerId: reviewer.id }],
      [admin.id, { ownerId: engineer.id, reviewerId: reviewer.id }, { ownerId: null, reviewerId: reviewer.id }],
    ]);
  });

  it("need the template:edit permission", async () => {
    const { reviewer, template } = await setUp();
    for (const user of [reviewer, await createTestUser(prisma, "MANAGER"), await createTestUser(prisma, "VIEWER")]) {
      await expect(
        setTemplatePeople(user, { templateId: template.templateId, reviewerId: reviewer.id }),
      ).rejects.toMatchObject({ status: 403 });
    }
  });
});

describe("the gate's options", () => {
  it("are published with a version, each change alone a new version, and carry over when left out", async () => {
    const { admin, template, latestStructure } = await setUp();
    const { structure } = await latestStructure();
    const { templateId } = template;
    await expect(
      publishTemplateVersion(admin, { templateId, baseVersion: 1, structure, highBlocksGate: false }),
    ).rejects.toThrow("Nothing changed");
    await publishTemplateVersion(admin, { templateId, baseVersion: 1, structure, highBlocksGate: true });
    await publishTemplateVersion(admin, { templateId, baseVersion: 2, structure, allowCriticalWaivers: true });
    await publishTemplateVersion(admin, { templateId, baseVersion: 3, structure: { ...structure, title: "Renamed" } });
    const versions = await prisma.templateVersion.findMany({
      where: { templateId },
      orderBy: { number: "asc" },
      select: { number: true, highBlocksGate: true, allowCriticalWaivers: true },
    });
    expect(versions).toEqual([
      { number: 1, highBlocksGate: false, allowCriticalWaivers: false },
      { number: 2, highBlocksGate: true, allowCriticalWaivers: false },
      { number: 3, highBlocksGate: true, allowCriticalWaivers: true },
      { number: 4, highBlocksGate: true, allowCriticalWaivers: true },
    ]);
  });
});

describe("required approvals", () => {
  it("are published with a version: a change of them alone is a new version; out of 1–5 is refused naming the field", async () => {
    const { admin, template, latestStructure } = await setUp();
    const { structure } = await latestStructure();
    const { templateId } = template;
    for (const requiredApprovals of [0, 6, 1.5]) {
      await expect(
        publishTemplateVersion(admin, { templateId, baseVersion: 1, structure, requiredApprovals }),
      ).rejects.toMatchObject({
        status: 400,
        fieldErrors: { requiredApprovals: "Required approvals must be a whole number from 1 to 5." },
      });
    }
    await expect(
      publishTemplateVersion(admin, { templateId, baseVersion: 1, structure, requiredApprovals: 1 }),
    ).rejects.toThrow("Nothing changed");

    const v2 = await publishTemplateVersion(admin, { templateId, baseVersion: 1, structure, requiredApprovals: 3 });
    expect(v2.number).toBe(2);
    // Left out, the number carries over from the version before.
    await publishTemplateVersion(admin, { templateId, baseVersion: 2, structure: { ...structure, title: "Renamed" } });
    const versions = await prisma.templateVersion.findMany({
      where: { templateId },
      orderBy: { number: "asc" },
      select: { number: true, requiredApprovals: true },
    });
    expect(versions).toEqual([
      { number: 1, requiredApprovals: 1 },
      { number: 2, requiredApprovals: 3 },
      { number: 3, requiredApprovals: 3 },
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: templateId, action: "template.publish" },
      orderBy: { id: "asc" },
    });
    expect(audit).toMatchObject({
      before: { version: 1, requiredApprovals: 1 },
      after: { version: 2, requiredApprovals: 3 },
    });
  });

  it("are pinned per version: a deployment on v1 signs off with one, one created on v2 needs two", async () => {
    const { admin, template, latestStructure } = await setUp();
    const owner = await createTestUser(prisma, "ENGINEER");
    const reviewers = [await createTestUser(prisma, "REVIEWER"), await createTestUser(prisma, "REVIEWER")];
    const inReview = async (templateVersionId: string) => {
      const { id: deploymentId } = await createDeployment(
        owner,
        { service: uniqueKey("svc"), environment: "prod", version: "1", templateVersionId },
        { db: prisma },
      );
      const checklist = (await getChecklist(deploymentId))!;
      for (const leaf of leavesOf(checklist.sections.flatMap((s) => s.items)).filter((l) =>
        ["Database password", "API keys", "Backups verified"].includes(l.text),
      )) {
        await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "DONE" });
      }
      await submitForReview(owner, { deploymentId });
      return deploymentId;
    };
    const approve = async (reviewer: (typeof reviewers)[number], deploymentId: string) =>
      approveDeployment(reviewer, { deploymentId, comment: "ok", digest: (await getChecklist(deploymentId))!.digest });

    const onV1 = await inReview(template.versionId);
    const { structure } = await latestStructure();
    const v2 = await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: 1,
      structure,
      requiredApprovals: 2,
    });
    const onV2 = await inReview(v2.versionId);

    expect(await approve(reviewers[0]!, onV1)).toEqual({
      signedOff: true,
      approvals: 1,
      required: 1,
      missingGroups: [],
    });
    expect(await approve(reviewers[0]!, onV2)).toEqual({
      signedOff: false,
      approvals: 1,
      required: 2,
      missingGroups: [],
    });
    expect((await getChecklist(onV2))!.deployment.status).toBe("READY_FOR_REVIEW");
    expect(await approve(reviewers[1]!, onV2)).toEqual({
      signedOff: true,
      approvals: 2,
      required: 2,
      missingGroups: [],
    });
    expect((await getChecklist(onV1))!.deployment.status).toBe("SIGNED_OFF");
    expect((await getChecklist(onV2))!.deployment.status).toBe("SIGNED_OFF");
  });
});
