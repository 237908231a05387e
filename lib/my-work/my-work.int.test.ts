// My work against the database: each section's rule and its negatives, the sections per
// role, and the header's count equal to the rows (read in one snapshot, since other test
// files add deployments in review, lists and runs that every reviewer or engineer sees).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { AppError } from "@/lib/errors";
import { assignMaintenanceTask } from "@/lib/maintenance/assign-task";
import { completeMaintenanceTask } from "@/lib/maintenance/complete-task";
import { createSchedule } from "@/lib/maintenance/create-schedule";
import { generateOccurrences } from "@/lib/maintenance/generate-occurrences";
import { countMyWork } from "@/lib/my-work/count-my-work";
import { readMyWork, type MyWork } from "@/lib/my-work/read-my-work";
import { startProcedureRun } from "@/lib/procedures/start-run";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();
const DAY = 86_400_000;

const markdown = (title: string) =>
  [
    `# ${title}`,
    "",
    "## CRITICAL",
    "- [ ] Backups `verified`",
    "- [ ] Secrets rotated",
    "",
    "## Post-deployment verification",
    "- [ ] Smoke test **passed**",
    "",
    "## Weekly",
    "- [ ] Review error logs",
    "- [ ] Check failed backups",
    "- [ ] Rotate on-call",
    "",
    "## Incident response",
    "1. Isolate the host",
    "2. Rotate credentials",
    "",
  ].join("\n");

let versionId = "";
const schedules: string[] = [];
const runs: string[] = [];

beforeAll(async () => {
  versionId = (
    await createTemplateFromMarkdown(
      { actorLabel: "test" },
      { source: markdown(`My work ${uniqueKey()}`) },
      { db: prisma },
    )
  ).versionId;
});

// Lists and runs are everyone's: retire this file's so no other file's readers see them.
afterAll(async () => {
  await prisma.maintenanceSchedule.updateMany({ where: { id: { in: schedules } }, data: { active: false } });
  await prisma.procedureRun.updateMany({
    where: { id: { in: runs } },
    data: { status: "FINISHED", finishedAt: new Date() },
  });
});

async function newDeployment(owner: Actor, extra: { targetDate?: Date } = {}) {
  const { id } = await createDeployment(owner, {
    service: uniqueKey("svc"),
    environment: "prod",
    version: "1.0.0",
    templateVersionId: versionId,
  });
  if (extra.targetDate) await prisma.deployment.update({ where: { id }, data: { targetDate: extra.targetDate } });
  const checklist = (await getChecklist(id))!;
  const leaves = leavesOf(checklist.sections.flatMap((s) => s.items));
  const leaf = (text: string) => leaves.find((l) => l.text.startsWith(text))!;
  return { id, leaf };
}

async function assign(
  actor: Actor,
  deploymentId: string,
  leaf: { id: string; state: { version: number } | null },
  to: string,
) {
  await updateItemState(actor, { deploymentId, itemId: leaf.id, version: leaf.state!.version, assigneeId: to });
}

/** Reads the page's rows and the header's count in one snapshot. */
async function snapshot(actor: Actor, now = new Date()): Promise<{ work: MyWork; count: number }> {
  return prisma.$transaction(
    async (tx) => {
      const work = await readMyWork(actor, now, { db: tx });
      const count = await countMyWork(actor, now, { db: tx });
      return { work, count };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

describe("items assigned to me", () => {
  it("lists my open items with their deployment and plain text, linking to the item", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const other = await createTestUser(prisma, "ENGINEER");
    const { id, leaf } = await newDeployment(engineer);
    await assign(engineer, id, leaf("Backups"), engineer.id);
    await assign(engineer, id, leaf("Secrets"), other.id);

    const { work, count } = await snapshot(engineer);
    const item = await prisma.item.findFirstOrThrow({
      where: { templateVersionId: versionId, text: "Backups `verified`" },
    });
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect(work.items).toEqual([
      {
        id: expect.any(String),
        text: "Backups verified",
        section: { title: "CRITICAL", kind: "PRE_DEPLOYMENT", priority: "CRITICAL" },
        deployment: { id, service: deployment.service, environment: "prod", version: "1.0.0", status: "IN_PROGRESS" },
        href: `/deployments/${id}?item=${encodeURIComponent(item.key)}`,
      },
    ]);
    expect(count).toBe(work.total);
  });

  it("leaves out settled items and those of a cancelled deployment", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const settled = await newDeployment(engineer);
    await assign(engineer, settled.id, settled.leaf("Backups"), engineer.id);
    await assign(engineer, settled.id, settled.leaf("Secrets"), engineer.id);
    const [done, notApplicable] = await prisma.itemState.findMany({
      where: { deploymentId: settled.id, assigneeId: engineer.id },
    });
    await updateItemState(engineer, {
      deploymentId: settled.id,
      itemId: done!.itemId,
      version: done!.version,
      status: "DONE",
    });
    await updateItemState(engineer, {
      deploymentId: settled.id,
      itemId: notApplicable!.itemId,
      version: notApplicable!.version,
      status: "NOT_APPLICABLE",
      naReason: "No secrets in this service",
    });

    const cancelled = await newDeployment(engineer);
    await assign(engineer, cancelled.id, cancelled.leaf("Secrets"), engineer.id);
    await prisma.deployment.update({
      where: { id: cancelled.id },
      data: { status: "CANCELLED", cancelledAt: new Date() },
    });

    const { work, count } = await snapshot(engineer);
    expect(work.items).toEqual([]);
    // Not 0: other test files leave unassigned maintenance tasks and active runs, which are
    // everyone's work. The count agrees with the rows, read in the same snapshot.
    expect(count).toBe(work.total);
  });

  it("of a deployed release, lists post-deployment verification but not pre-deployment items", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const { id, leaf } = await newDeployment(engineer);
    await assign(engineer, id, leaf("Secrets"), engineer.id);
    await assign(engineer, id, leaf("Smoke test"), engineer.id);
    await prisma.deployment.update({ where: { id }, data: { status: "DEPLOYED", deployedAt: new Date() } });

    const { work, count } = await snapshot(engineer);
    expect(work.items.map((i) => [i.text, i.section.kind])).toEqual([["Smoke test passed", "POST_DEPLOYMENT"]]);
    expect(count).toBe(work.total);
  });
});

describe("deployments awaiting my review", () => {
  it("lists a submitted deployment for a reviewer who does not own it, never for its owner", async () => {
    const { deploymentId, reviewers } = await deploymentInReview(prisma);
    // The second reviewer owns it now: four eyes keep it off their list.
    await prisma.deployment.update({ where: { id: deploymentId }, data: { ownerId: reviewers[1]!.id } });

    const theirs = await snapshot(reviewers[0]!);
    const row = theirs.work.reviews.find((r) => r.id === deploymentId);
    expect(row).toMatchObject({ href: `/deployments/${deploymentId}`, approvals: 0, requiredApprovals: 1 });
    expect(row!.owner).toBe(reviewers[1]!.name);
    expect(theirs.count).toBe(theirs.work.total);

    const owners = await snapshot(reviewers[1]!);
    expect(owners.work.reviews.some((r) => r.id === deploymentId)).toBe(false);
    expect(owners.count).toBe(owners.work.total);
  });

  it("leaves out one I already approved while it waits for a second approval", async () => {
    const { deploymentId, reviewers, digest } = await deploymentInReview(prisma, 2);
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "First of two", digest: await digest() });

    expect((await readMyWork(reviewers[0]!)).reviews.some((r) => r.id === deploymentId)).toBe(false);
    const second = (await readMyWork(reviewers[1]!)).reviews.find((r) => r.id === deploymentId);
    expect(second).toMatchObject({ approvals: 1, requiredApprovals: 2 });
  });

  it("is no section for roles that do not review: the owner engineer never sees one", async () => {
    const { owner } = await deploymentInReview(prisma);
    const { work } = await snapshot(owner);
    expect(work.sections).not.toContain("reviews");
    expect(work.reviews).toEqual([]);
  });
});

describe("my deployments that need me", () => {
  it("lists a rejected one, and not one a reviewer rejected of someone else's", async () => {
    const { deploymentId, owner, reviewers } = await deploymentInReview(prisma);
    await rejectDeployment(reviewers[0]!, { deploymentId, comment: "Restore drill missing" });
    const mine = (await readMyWork(owner)).deployments;
    expect(mine).toEqual([expect.objectContaining({ id: deploymentId, status: "REJECTED", reasons: ["REJECTED"] })]);
    expect((await readMyWork(reviewers[0]!)).deployments).toEqual([]);
  });

  it("lists one whose sign-off an edit invalidated, until someone approves again", async () => {
    const { deploymentId, owner, reviewers, digest, leaves } = await deploymentInReview(prisma);
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "Fine", digest: await digest() });
    expect((await readMyWork(owner)).deployments).toEqual([]);

    const leaf = (await leaves()).find((l) => l.text === "Backups verified")!;
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "OPEN" });
    const invalidated = await snapshot(owner);
    expect(invalidated.work.deployments).toEqual([
      expect.objectContaining({
        id: deploymentId,
        reasons: ["SIGNOFF_INVALIDATED"],
        href: `/deployments/${deploymentId}`,
      }),
    ]);
    expect(invalidated.count).toBe(invalidated.work.total);

    const again = (await leaves()).find((l) => l.text === "Backups verified")!;
    await updateItemState(owner, { deploymentId, itemId: again.id, version: again.state!.version, status: "DONE" });
    const status = (await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status;
    if (status !== "READY_FOR_REVIEW") await submitForReview(owner, { deploymentId });
    await approveDeployment(reviewers[1]!, { deploymentId, comment: "Fine again", digest: await digest() });
    expect((await readMyWork(owner)).deployments).toEqual([]);
  });

  it("lists one past its target date, not one due later nor a deployed one", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    // Days far from today, so the organisation's time zone cannot move them across it.
    const late = await newDeployment(engineer, { targetDate: new Date(Date.now() - 10 * DAY) });
    await newDeployment(engineer, { targetDate: new Date(Date.now() + 10 * DAY) });
    const shipped = await newDeployment(engineer, { targetDate: new Date(Date.now() - 10 * DAY) });
    await prisma.deployment.update({ where: { id: shipped.id }, data: { status: "DEPLOYED", deployedAt: new Date() } });

    const { work, count } = await snapshot(engineer);
    expect(work.deployments).toEqual([expect.objectContaining({ id: late.id, reasons: ["MISSED_TARGET"] })]);
    expect(count).toBe(work.total);
  });
});

describe("maintenance tasks", () => {
  it("lists tasks assigned to me or nobody in current and overdue lists, not completed ones or others'", async () => {
    const now = new Date();
    const engineer = await createTestUser(prisma, "ENGINEER");
    const colleague = await createTestUser(prisma, "ENGINEER");
    const section = await prisma.section.findFirstOrThrow({ where: { templateVersionId: versionId, title: "Weekly" } });
    const { id: scheduleId } = await createSchedule(
      engineer,
      { sectionId: section.id, scope: "service", service: uniqueKey("svc"), environment: "prod", ownerId: engineer.id },
      { db: prisma, now: new Date(now.getTime() - 15 * DAY) },
    );
    schedules.push(scheduleId);
    await generateOccurrences({ actorLabel: "test" }, { scheduleIds: [scheduleId] }, { db: prisma, now });
    const lists = await prisma.maintenanceOccurrence.findMany({
      where: { scheduleId },
      orderBy: { periodStart: "asc" },
      include: { tasks: { orderBy: { item: { position: "asc" } } } },
    });
    const current = lists.find((l) => l.periodStart <= now && l.periodEnd > now)!;
    const overdue = lists.filter((l) => l.dueAt <= now);
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const [completedList, openOverdue] = overdue;

    // The oldest list is finished: none of its tasks are anyone's work any more.
    for (const task of completedList!.tasks)
      await completeMaintenanceTask(engineer, { occurrenceId: completedList!.id, taskId: task.id });
    // In the overdue list one task is done; in this period's one task is a colleague's, one mine.
    await completeMaintenanceTask(engineer, { occurrenceId: openOverdue!.id, taskId: openOverdue!.tasks[0]!.id });
    const [mine, theirs, nobodys] = current.tasks;
    await assignMaintenanceTask(engineer, { occurrenceId: current.id, taskId: mine!.id, assigneeId: engineer.id });
    await assignMaintenanceTask(engineer, { occurrenceId: current.id, taskId: theirs!.id, assigneeId: colleague.id });

    const { work, count } = await snapshot(engineer, now);
    const ofSchedule = work.maintenance.filter((t) => lists.some((l) => l.id === t.list.id));
    const expected = [
      ...overdue.slice(1).flatMap((list) => list.tasks.filter((t) => t.id !== openOverdue!.tasks[0]!.id)),
      mine!,
      nobodys!,
    ].map((t) => t.id);
    expect(ofSchedule.map((t) => t.id).sort()).toEqual([...expected].sort());
    expect(ofSchedule.find((t) => t.id === mine!.id)).toMatchObject({
      text: "Review error logs",
      assignedToMe: true,
      href: `/maintenance#task-${mine!.id}`,
      list: { id: current.id, title: "Weekly", overdue: false },
    });
    expect(ofSchedule.find((t) => t.id === openOverdue!.tasks[1]!.id)).toMatchObject({
      assignedToMe: false,
      list: { id: openOverdue!.id, overdue: true },
    });
    expect(count).toBe(work.total);

    // The colleague sees their task, not mine; a retired schedule's lists are nobody's.
    const colleagues = await readMyWork(colleague, now);
    expect(colleagues.maintenance.some((t) => t.id === theirs!.id)).toBe(true);
    expect(colleagues.maintenance.some((t) => t.id === mine!.id)).toBe(false);
    await prisma.maintenanceSchedule.update({ where: { id: scheduleId }, data: { active: false } });
    const retired = await readMyWork(engineer, now);
    expect(retired.maintenance.filter((t) => lists.some((l) => l.id === t.list.id))).toEqual([]);
  });
});

describe("procedure runs", () => {
  it("lists every active run for those who run procedures, not a finished one", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const reviewer = await createTestUser(prisma, "REVIEWER");
    const section = await prisma.section.findFirstOrThrow({
      where: { templateVersionId: versionId, title: "Incident response" },
    });
    const active = await startProcedureRun(engineer, {
      sectionId: section.id,
      title: `Leak ${uniqueKey()}`,
      severity: "SEV2",
    });
    const finished = await startProcedureRun(engineer, {
      sectionId: section.id,
      title: `Old ${uniqueKey()}`,
      severity: "SEV3",
    });
    runs.push(active.id, finished.id);
    await prisma.procedureRun.update({
      where: { id: finished.id },
      data: { status: "FINISHED", finishedAt: new Date() },
    });

    const { work, count } = await snapshot(reviewer);
    expect(work.procedures.find((r) => r.id === active.id)).toMatchObject({
      severity: "SEV2",
      procedure: "Incident response",
      pending: 2,
      href: `/procedures/${active.id}`,
    });
    expect(work.procedures.some((r) => r.id === finished.id)).toBe(false);
    expect(count).toBe(work.total);
  });
});

describe("sections per role", () => {
  it("gives a viewer nothing, a manager their own deployments and items, a reviewer everything", async () => {
    const viewer = await createTestUser(prisma, "VIEWER");
    const viewing = await snapshot(viewer);
    expect(viewing.work.sections).toEqual([]);
    expect(viewing.work.total).toBe(0);
    expect(viewing.count).toBe(0);

    const manager = await createTestUser(prisma, "MANAGER");
    const managing = await snapshot(manager);
    expect(managing.work.sections).toEqual(["items", "deployments", "reminders"]);
    expect(managing.count).toBe(managing.work.total);

    const reviewer = await createTestUser(prisma, "REVIEWER");
    expect((await readMyWork(reviewer)).sections).toEqual([
      "items",
      "reviews",
      "waivers",
      "deployments",
      "reminders",
      "maintenance",
      "procedures",
    ]);
    const engineer = await createTestUser(prisma, "ENGINEER");
    expect((await readMyWork(engineer)).sections).toEqual([
      "items",
      "deployments",
      "reminders",
      "maintenance",
      "procedures",
    ]);
  });

  it("refuses a signed-out caller", async () => {
    await expect(readMyWork(null)).rejects.toBeInstanceOf(AppError);
    await expect(countMyWork(null)).rejects.toMatchObject({ status: 401 });
  });
});
