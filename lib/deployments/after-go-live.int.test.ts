// After the go-live: post-deployment verification stays editable and outside the approval
// (digest v2), the gate and readiness; it has its own progress, a list filter and an overview
// count; a v1 approval still verifies; the next release starts from the latest template.
import { describe, expect, it } from "vitest";
import { evaluateGate } from "@/lib/api/v1/gate";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { createNextRelease } from "@/lib/deployments/create-next-release";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { getDeploymentRecord } from "@/lib/deployments/get-deployment-record";
import { listDeployments, listDeploymentsPage } from "@/lib/deployments/list-deployments";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { overviewCounts } from "@/lib/overview/overview-counts";
import { checklistDigest } from "@/lib/signoff/digest";
import { currentDigest } from "@/lib/signoff/locked-deployment";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { readVersionStructure } from "@/lib/templates/store-version";
import { importVerificationTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const criticals = ["Backups verified", "Secrets rotated"];

type Stage = "draft" | "signedOff" | "deployed";

/** A deployment of the verification template brought to `stage` through the real use cases. */
async function releaseAt(stage: Stage, service = uniqueKey("golive")) {
  const owner = await createTestUser(prisma, "ENGINEER");
  const reviewer = await createTestUser(prisma, "REVIEWER");
  const template = await importVerificationTemplate(prisma);
  const { id } = await createDeployment(owner, {
    service,
    environment: "prod",
    version: "1.0.0",
    templateVersionId: template.versionId,
  });
  const leaf = async (text: string) =>
    leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items)).find((l) => l.text === text)!;
  const setItem = async (text: string, status: "DONE" | "OPEN" | "NOT_APPLICABLE", actor = owner) => {
    const item = await leaf(text);
    return updateItemState(actor, {
      deploymentId: id,
      itemId: item.id,
      version: item.state!.version,
      status,
      ...(status === "NOT_APPLICABLE" ? { naReason: "Not on this release" } : {}),
    });
  };
  if (stage !== "draft") {
    for (const text of criticals) await setItem(text, "DONE");
    await submitForReview(owner, { deploymentId: id });
    await approveDeployment(reviewer, { deploymentId: id, comment: "ok", digest: (await getChecklist(id))!.digest });
  }
  if (stage === "deployed") {
    // Set directly: marking deployed (lib/deployments/transitions.ts) is built by another change
    // at the same time; the state it leaves is this one.
    await prisma.deployment.update({ where: { id }, data: { status: "DEPLOYED", deployedAt: new Date() } });
  }
  return { id, owner, reviewer, template, service, leaf, setItem };
}

const standingApprovals = (deploymentId: string) =>
  prisma.signOff.count({ where: { deploymentId, decision: "APPROVED", invalidatedAt: null } });
const statusOf = async (id: string) => (await prisma.deployment.findUniqueOrThrow({ where: { id } })).status;

describe("after the go-live", () => {
  it("a post-deployment item can be ticked: the sign-off stands, the gate stays open, the status stays", async () => {
    const { id, owner, setItem, leaf } = await releaseAt("deployed");
    expect(await prisma.signOff.findFirstOrThrow({ where: { deploymentId: id } })).toMatchObject({ digestVersion: 2 });

    const ticked = await setItem("Login works", "DONE");
    expect(ticked.status).toBe("DONE");
    const errorRate = await leaf("Error rate normal");
    await updateItemState(owner, {
      deploymentId: id,
      itemId: errorRate.id,
      version: errorRate.state!.version,
      note: "p99 flat",
      evidenceLinks: ["https://grafana.example/d/1"],
    });

    expect(await statusOf(id)).toBe("DEPLOYED");
    expect(await standingApprovals(id)).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "signoff.invalidate" } })).toBe(0);
    // Still audited as item changes (two here, after the critical ones before the approval).
    const audited = await prisma.auditEvent.count({
      where: { action: "item.update", after: { path: ["deploymentId"], equals: id } },
    });
    expect(audited).toBe(criticals.length + 2);
    const gate = await evaluateGate(id);
    expect(gate).toMatchObject({ ready: true, status: "DEPLOYED" });
  });

  it("refuses a pre-deployment change after the go-live (409) and every change once cancelled", async () => {
    const { id, setItem } = await releaseAt("deployed");
    await expect(setItem("Backups verified", "OPEN")).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/was deployed; its pre-deployment items can no longer change/),
    });
    await expect(setItem("Alerts configured", "DONE")).rejects.toMatchObject({ status: 409 });

    await prisma.deployment.update({ where: { id }, data: { status: "CANCELLED", cancelReason: "test" } });
    await expect(setItem("Login works", "DONE")).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/cancelled; its checklist can no longer change/),
    });
  });

  it("before the go-live a verification change neither invalidates nor moves the status, except a draft's start", async () => {
    const signedOff = await releaseAt("signedOff");
    await signedOff.setItem("Checkout works", "NOT_APPLICABLE");
    expect(await statusOf(signedOff.id)).toBe("SIGNED_OFF");
    expect(await standingApprovals(signedOff.id)).toBe(1);
    expect(await evaluateGate(signedOff.id)).toMatchObject({ ready: true });

    const draft = await releaseAt("draft");
    await draft.setItem("Login works", "DONE");
    expect(await statusOf(draft.id)).toBe("IN_PROGRESS");

    // A pre-deployment change still reopens review, as before.
    await signedOff.setItem("Alerts configured", "DONE");
    expect(await statusOf(signedOff.id)).toBe("READY_FOR_REVIEW");
    expect(await standingApprovals(signedOff.id)).toBe(0);
  });

  it("readiness leaves verification out; verification has its own counts, on the page and the list", async () => {
    const { id, service, setItem } = await releaseAt("deployed");
    await setItem("Login works", "DONE");
    await setItem("Checkout works", "NOT_APPLICABLE");

    const checklist = (await getChecklist(id))!;
    expect(checklist.readiness.ready).toBe(true);
    // CRITICAL 2 + HIGH 1; the three open-or-settled verification leaves are in no bucket.
    const counted = Object.values(checklist.readiness.byPriority).reduce((sum, p) => sum + p.total, 0);
    expect(counted).toBe(3);
    expect(checklist.readiness.byPriority.NONE.total).toBe(0);
    expect(checklist.verification).toEqual({ total: 3, done: 1, notApplicable: 1, open: 1, percent: 66 });
    expect((await readinessByDeployment([id])).get(id)).toEqual(checklist.readiness);

    const { rows } = await listDeployments(deploymentFiltersSchema.parse({ service }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.readiness).toEqual(checklist.readiness);
    expect(rows[0]!.verification).toEqual(checklist.verification);
  });

  it("verification=open finds deployed releases with open verification, also on the overview's active list", async () => {
    const service = uniqueKey("verify");
    const open = await releaseAt("deployed", service);
    const done = await releaseAt("deployed", service);
    for (const text of ["Login works", "Checkout works", "Error rate normal"]) await done.setItem(text, "DONE");
    const signedOff = await releaseAt("signedOff", service);

    const filters = deploymentFiltersSchema.parse({ service, verification: "open" });
    for (const activeOnly of [false, true]) {
      const { rows } = await listDeployments(filters, { activeOnly });
      expect(rows.map((r) => r.id)).toEqual([open.id]);
    }
    // The overview without the filter shows the active one only.
    const active = await listDeployments(deploymentFiltersSchema.parse({ service }), { activeOnly: true });
    expect(active.rows.map((r) => r.id)).toEqual([signedOff.id]);

    // The API's list takes the same filter from its query string.
    const page = await listDeploymentsPage({ service, verification: "open" });
    expect(page.deployments.map((d) => d.id)).toEqual([open.id]);
    await expect(listDeploymentsPage({ verification: "closed" })).rejects.toMatchObject({
      status: 400,
      field: "verification",
    });

    // The overview's card, narrowed to this service as the overview's filters narrow it,
    // counts exactly the list it links to: the open one.
    const counts = await overviewCounts({ service });
    expect(counts.deployedVerificationOpen).toBe(1);
  });
});

describe("digest versions", () => {
  it("a v1 approval (every item) still verifies on the record; a new approval must send the v2 digest", async () => {
    const { id, reviewer, setItem } = await releaseAt("deployed");
    const states = await prisma.itemState.findMany({
      where: { deploymentId: id },
      select: {
        status: true,
        naReason: true,
        note: true,
        evidenceLinks: true,
        item: { select: { key: true, section: { select: { kind: true } } } },
      },
    });
    const v1 = checklistDigest(
      states.map(({ item, ...s }) => ({ key: item.key, kind: item.section.kind, ...s })),
      1,
    );
    expect(v1).toBe(await currentDigest(prisma, id, 1));
    const old = await prisma.signOff.create({
      data: {
        deploymentId: id,
        reviewerId: reviewer.id,
        decision: "APPROVED",
        comment: "v1",
        digest: v1,
        digestVersion: 1,
      },
    });

    const record = (await getDeploymentRecord(id, { db: prisma }))!;
    expect(record.checklist.digest).not.toBe(v1);
    const decisions = new Map(record.decisions.map((d) => [d.id, d]));
    expect(decisions.get(old.id)).toMatchObject({ digestVersion: 1, matchesChecklist: true });
    expect([...decisions.values()].filter((d) => d.digestVersion === 2)).toEqual([
      expect.objectContaining({ matchesChecklist: true }),
    ]);

    // Verification ticked afterwards: v2 still matches (it leaves verification out); v1 covered it.
    await setItem("Login works", "DONE");
    const after = (await getDeploymentRecord(id, { db: prisma }))!;
    expect(after.checklist.digest).toBe(record.checklist.digest);
    expect(after.decisions.find((d) => d.id === old.id)).toMatchObject({ matchesChecklist: false });
    expect(after.decisions.find((d) => d.digestVersion === 2)).toMatchObject({ matchesChecklist: true });

    // An approval compares the reviewer's digest with the v2 one: a v1 digest is refused.
    const inReview = await releaseAt("draft");
    for (const text of criticals) await inReview.setItem(text, "DONE");
    await submitForReview(inReview.owner, { deploymentId: inReview.id });
    await expect(
      approveDeployment(inReview.reviewer, {
        deploymentId: inReview.id,
        comment: "ok",
        digest: await currentDigest(prisma, inReview.id, 1),
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe("createNextRelease", () => {
  it("starts the next release of the same service and environment on the latest template version", async () => {
    const { id, owner, template, service } = await releaseAt("deployed");
    const admin = await createTestUser(prisma, "ADMIN");
    const structure = (await readVersionStructure(prisma, template.versionId))!;
    const latest = await publishTemplateVersion(admin, {
      templateId: template.templateId,
      baseVersion: 1,
      structure: { ...structure, reviewIntervalDays: structure.reviewIntervalDays + 1 },
      changeNote: "longer review interval",
    });

    const manager = await createTestUser(prisma, "MANAGER");
    const next = await createNextRelease(manager, { deploymentId: id, version: "1.1.0", targetDate: "2030-01-31" });
    const created = await prisma.deployment.findUniqueOrThrow({
      where: { id: next.id },
      include: { templateVersion: true, itemStates: true },
    });
    expect(created).toMatchObject({
      service,
      environment: "prod",
      version: "1.1.0",
      status: "DRAFT",
      ownerId: owner.id,
      description: "Next release after 1.0.0",
      templateVersionId: latest.versionId,
    });
    expect(created.targetDate?.toISOString().slice(0, 10)).toBe("2030-01-31");
    expect(created.itemStates.every((s) => s.status === "OPEN")).toBe(true);
    expect(created.itemStates).toHaveLength(6);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: next.id, action: "deployment.create" },
    });
    expect(audit).toMatchObject({
      actorId: manager.id,
      after: expect.objectContaining({ from: id, templateVersion: 2 }),
    });

    // The earlier owner can no longer work: the actor takes it.
    await prisma.user.update({ where: { id: owner.id }, data: { active: false } });
    const second = await createNextRelease(manager, { deploymentId: id, version: "1.2.0" });
    expect(await prisma.deployment.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      ownerId: manager.id,
    });
  });

  it("refuses a viewer, an unknown deployment, the same version and an archived template", async () => {
    const { id, template } = await releaseAt("deployed");
    const engineer = await createTestUser(prisma, "ENGINEER");
    const viewer = await createTestUser(prisma, "VIEWER");
    await expect(createNextRelease(viewer, { deploymentId: id, version: "2" })).rejects.toMatchObject({ status: 403 });
    await expect(createNextRelease(null, { deploymentId: id, version: "2" })).rejects.toMatchObject({ status: 401 });
    await expect(createNextRelease(engineer, { deploymentId: "does-not-exist", version: "2" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(createNextRelease(engineer, { deploymentId: id, version: "1.0.0" })).rejects.toMatchObject({
      status: 400,
      field: "version",
    });
    await expect(createNextRelease(engineer, { deploymentId: id, version: "" })).rejects.toMatchObject({
      status: 400,
      field: "version",
    });
    await prisma.template.update({ where: { id: template.templateId }, data: { archivedAt: new Date() } });
    await expect(createNextRelease(engineer, { deploymentId: id, version: "2" })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/is archived/),
    });
  });
});
