import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { AppError } from "@/lib/errors";
import { getMaintenanceBoard } from "@/lib/maintenance/board";
import { completeMaintenanceTask } from "@/lib/maintenance/complete-task";
import { createSchedule } from "@/lib/maintenance/create-schedule";
import { ensureOccurrences } from "@/lib/maintenance/ensure-occurrences";
import { MAX_BACKFILL_PERIODS } from "@/lib/maintenance/generate-occurrences";
import { getReviewReminders } from "@/lib/maintenance/reminders";
import { ORG_TIME_ZONE_KEY } from "@/lib/maintenance/time-zone";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { maintenanceTick } from "@/scripts/commands/maintenance-tick";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
// Two more clients with their own pools, as two app instances behind a load balancer.
const instanceA = createPrismaClient(testDatabaseUrl(), { max: 4 });
const instanceB = createPrismaClient(testDatabaseUrl(), { max: 4 });
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

const created: string[] = [];
// Ticks process every active schedule; retire this file's after each test so a later test
// (with another "now") never backfills an earlier test's schedules.
afterEach(async () => {
  await prisma.maintenanceSchedule.updateMany({ where: { id: { in: created.splice(0) } }, data: { active: false } });
});

const markdown = (title: string) =>
  [
    `# ${title}`,
    "",
    "## Weekly",
    "- [ ] Review error logs",
    "- [ ] Monitor resource usage",
    "- [ ] Check for failed backups",
    "",
    "## Monthly",
    "- [ ] Review security alerts",
    "- [ ] Test backup restoration",
    "",
    "## Daily",
    "- [ ] Check the on-call inbox",
    "",
    "## CRITICAL",
    "- [ ] Not maintenance",
    "",
  ].join("\n");

async function setUp(
  cadenceTitle: "Weekly" | "Monthly" | "Daily",
  createdAt: Date,
  scope: { scope: "org" } | { scope: "service"; service: string; environment: string } = { scope: "org" },
) {
  const engineer = await createTestUser(prisma, "ENGINEER");
  const title = `Maintenance ${uniqueKey()}`;
  const template = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: markdown(title) },
    { db: prisma },
  );
  const section = await prisma.section.findFirstOrThrow({
    where: { templateVersionId: template.versionId, title: cadenceTitle },
  });
  const schedule = await createSchedule(
    engineer,
    { sectionId: section.id, ownerId: engineer.id, ...scope },
    { now: createdAt },
  );
  created.push(schedule.id);
  return { engineer, template, section, scheduleId: schedule.id };
}

const occurrencesOf = (scheduleId: string) =>
  prisma.maintenanceOccurrence.findMany({
    where: { scheduleId },
    orderBy: { periodStart: "asc" },
    include: { tasks: { include: { item: true } } },
  });

describe("occurrence generation", () => {
  it("creates exactly one list per schedule and period, and one task per item, under concurrent ticks on two instances", async () => {
    const { scheduleId } = await setUp("Weekly", new Date("2026-01-05T09:00:00Z"));
    const now = new Date("2026-03-04T10:00:00Z"); // Wednesday of the 9th week since Jan 5
    await Promise.all([
      maintenanceTick({ db: instanceA, now }),
      maintenanceTick({ db: instanceB, now }),
      ensureOccurrences({ db: instanceA, now }),
      ensureOccurrences({ db: instanceB, now }),
      ensureOccurrences({ now }),
      ensureOccurrences({ db: instanceA, now }),
    ]);
    await Promise.all([maintenanceTick({ db: instanceA, now }), ensureOccurrences({ db: instanceB, now })]);

    const lists = await occurrencesOf(scheduleId);
    expect(lists).toHaveLength(9);
    expect(new Set(lists.map((l) => l.periodStart.toISOString())).size).toBe(9);
    expect(lists[0]!.periodStart).toEqual(new Date("2026-01-05T00:00:00Z"));
    expect(lists.at(-1)!.periodStart).toEqual(new Date("2026-03-02T00:00:00Z"));
    for (const list of lists) {
      expect(list.tasks.map((t) => t.item.text).sort()).toEqual([
        "Check for failed backups",
        "Monitor resource usage",
        "Review error logs",
      ]);
      expect(list.dueAt).toEqual(list.periodEnd);
    }
    // Only the transaction that inserted a list audits it: each period appears once.
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "MaintenanceSchedule", entityId: scheduleId, action: "maintenance.occurrences.create" },
    });
    const audited = events.flatMap((e) => (e.after as { periodStarts: string[] }).periodStarts);
    expect(audited.sort()).toEqual(lists.map((l) => l.periodStart.toISOString()));
  });

  it("creates the same period only once when many requests ask for it at the same moment", async () => {
    const { scheduleId } = await setUp("Daily", new Date("2026-06-01T08:00:00Z"));
    const now = new Date("2026-06-03T08:00:00Z");
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 3 === 0 ? ensureOccurrences({ now }) : maintenanceTick({ db: i % 2 ? instanceA : instanceB, now }),
      ),
    );
    const lists = await occurrencesOf(scheduleId);
    expect(lists.map((l) => l.periodStart.toISOString())).toEqual([
      "2026-06-01T00:00:00.000Z",
      "2026-06-02T00:00:00.000Z",
      "2026-06-03T00:00:00.000Z",
    ]);
    expect(lists.every((l) => l.tasks.length === 1)).toBe(true);
  });

  it("backfills missed periods, which show as overdue, and keeps the current one open", async () => {
    const { scheduleId } = await setUp("Monthly", new Date("2026-01-20T12:00:00Z"), {
      scope: "service",
      service: uniqueKey("svc"),
      environment: "production",
    });
    const now = new Date("2026-04-15T12:00:00Z");
    const summary = await maintenanceTick({ db: instanceA, now });
    expect(summary.occurrencesCreated).toBeGreaterThanOrEqual(3);
    expect(summary.overdueLists).toBeGreaterThanOrEqual(3);

    const board = await getMaintenanceBoard(now);
    const schedule = board.schedules.find((s) => s.id === scheduleId)!;
    expect(schedule.current).toMatchObject({ label: "April 2026", overdue: false, done: 0, total: 2 });
    expect(schedule.overdueCount).toBe(3);
    expect(schedule.overdue.map((l) => l.label)).toEqual(["March 2026", "February 2026", "January 2026"]);
    expect(schedule.overdue.every((l) => l.overdue && l.dueAt < now)).toBe(true);
    expect(schedule.nextDueAt).toEqual(new Date("2026-02-01T00:00:00Z"));
    expect(schedule.history.map((h) => [h.label, h.done, h.total])).toEqual([
      ["March 2026", 0, 2],
      ["February 2026", 0, 2],
      ["January 2026", 0, 2],
    ]);
  });

  it(`caps the backfill at the ${MAX_BACKFILL_PERIODS} most recent periods`, async () => {
    const { scheduleId } = await setUp("Daily", new Date("2020-01-01T00:00:00Z"));
    await maintenanceTick({ db: instanceA, now: new Date("2026-01-01T12:00:00Z") });
    const lists = await prisma.maintenanceOccurrence.findMany({
      where: { scheduleId },
      orderBy: { periodStart: "asc" },
      select: { periodStart: true },
    });
    // The schedule's own first day (made when it was created) plus the capped backfill.
    expect(lists.at(-1)!.periodStart).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(lists.filter((l) => l.periodStart > new Date("2020-01-01T00:00:00Z"))).toHaveLength(MAX_BACKFILL_PERIODS);
  });

  it("cuts periods in the organisation's time zone", async () => {
    const previous = await prisma.setting.findUnique({ where: { key: ORG_TIME_ZONE_KEY } });
    await prisma.setting.upsert({
      where: { key: ORG_TIME_ZONE_KEY },
      create: { key: ORG_TIME_ZONE_KEY, value: "Europe/Berlin" },
      update: { value: "Europe/Berlin" },
    });
    try {
      const { scheduleId } = await setUp("Daily", new Date("2026-03-28T12:00:00Z"));
      await maintenanceTick({ db: instanceA, now: new Date("2026-03-29T12:00:00Z") });
      const lists = await occurrencesOf(scheduleId);
      expect(lists.map((l) => [l.periodStart.toISOString(), l.periodEnd.toISOString()])).toEqual([
        ["2026-03-27T23:00:00.000Z", "2026-03-28T23:00:00.000Z"],
        ["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
      ]);
    } finally {
      if (previous)
        await prisma.setting.update({ where: { key: ORG_TIME_ZONE_KEY }, data: { value: previous.value ?? "UTC" } });
      else await prisma.setting.delete({ where: { key: ORG_TIME_ZONE_KEY } });
    }
  });
});

describe("schedules", () => {
  it("are unique per section and scope: a second one is a clear 409", async () => {
    const { engineer, section } = await setUp("Weekly", new Date("2026-02-02T00:00:00Z"));
    const again = createSchedule(engineer, { sectionId: section.id, scope: "org", ownerId: engineer.id });
    await expect(again).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already has a schedule for the whole organisation"),
    });
    // Another scope of the same section is a different schedule.
    const other = await createSchedule(engineer, {
      sectionId: section.id,
      scope: "service",
      service: "payments",
      environment: "staging",
      ownerId: engineer.id,
    });
    created.push(other.id);
    expect((await prisma.maintenanceSchedule.findUniqueOrThrow({ where: { id: other.id } })).scopeKey).toBe(
      "payments/staging",
    );
  });

  it("come only from maintenance sections, and not from viewers", async () => {
    const { engineer, template } = await setUp("Weekly", new Date("2026-02-02T00:00:00Z"));
    const critical = await prisma.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, title: "CRITICAL" },
    });
    await expect(
      createSchedule(engineer, { sectionId: critical.id, scope: "org", ownerId: engineer.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const viewer = await createTestUser(prisma, "VIEWER");
    const monthly = await prisma.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, title: "Monthly" },
    });
    await expect(
      createSchedule(viewer, { sectionId: monthly.id, scope: "org", ownerId: engineer.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSchedule(engineer, { sectionId: monthly.id, scope: "org", ownerId: viewer.id })).rejects.toThrow(
      "The owner must be an active user",
    );
    expect(await prisma.maintenanceSchedule.count({ where: { sectionId: { in: [critical.id, monthly.id] } } })).toBe(0);
  });
});

describe("task completion", () => {
  async function currentList() {
    const context = await setUp("Weekly", new Date());
    const [list] = await occurrencesOf(context.scheduleId);
    return { ...context, list: list! };
  }

  it("records who, when, the note and the evidence link, and completes the list with its last task", async () => {
    const { engineer, list } = await currentList();
    const [first, ...rest] = list.tasks;
    const result = await completeMaintenanceTask(engineer, {
      occurrenceId: list.id,
      taskId: first!.id,
      note: "No errors since Monday",
      evidenceUrl: "https://logs.example.com/q/123",
    });
    expect(result.listCompleted).toBe(false);
    const task = await prisma.maintenanceTask.findUniqueOrThrow({ where: { id: first!.id } });
    expect(task).toMatchObject({
      completedById: engineer.id,
      note: "No errors since Monday",
      evidenceUrl: "https://logs.example.com/q/123",
    });
    expect(task.completedAt).toBeInstanceOf(Date);
    const events = await prisma.auditEvent.findMany({
      where: { action: "maintenance.task.complete", entityId: first!.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: engineer.id,
      after: expect.objectContaining({ note: "No errors since Monday", occurrenceId: list.id }),
    });

    for (const other of rest) await completeMaintenanceTask(engineer, { occurrenceId: list.id, taskId: other.id });
    expect(
      (await prisma.maintenanceOccurrence.findUniqueOrThrow({ where: { id: list.id } })).completedAt,
    ).toBeInstanceOf(Date);
  });

  it("refuses a second completion with 409 naming who completed it, and keeps the first", async () => {
    const { engineer, list } = await currentList();
    const other = await createTestUser(prisma, "REVIEWER");
    const taskId = list.tasks[0]!.id;
    await completeMaintenanceTask(engineer, { occurrenceId: list.id, taskId, note: "first" });
    const error = await completeMaintenanceTask(other, { occurrenceId: list.id, taskId, note: "second" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 409,
      message: expect.stringMatching(/^This task was already completed by Test ENGINEER at .+ UTC\.$/),
    });
    expect(await prisma.maintenanceTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      completedById: engineer.id,
      note: "first",
    });
    expect(await prisma.auditEvent.count({ where: { action: "maintenance.task.complete", entityId: taskId } })).toBe(1);
  });

  it("answers 404 for an unknown list or a task of another list, and writes nothing", async () => {
    const { engineer, list } = await currentList();
    const before = await prisma.auditEvent.count({ where: { actorId: engineer.id } });
    await expect(
      completeMaintenanceTask(engineer, { occurrenceId: "no-such-list", taskId: list.tasks[0]!.id }),
    ).rejects.toMatchObject({
      status: 404,
      message: "That maintenance list does not exist; reload the maintenance page.",
    });
    const { list: otherList } = await currentList();
    await expect(
      completeMaintenanceTask(engineer, { occurrenceId: list.id, taskId: otherList.tasks[0]!.id }),
    ).rejects.toMatchObject({
      status: 404,
      message: "That task is not part of this maintenance list.",
    });
    expect(
      await prisma.maintenanceTask.count({
        where: { occurrenceId: { in: [list.id, otherList.id] }, completedAt: { not: null } },
      }),
    ).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: engineer.id } })).toBe(before);
  });

  it("is refused to viewers", async () => {
    const { list } = await currentList();
    const viewer = await createTestUser(prisma, "VIEWER");
    await expect(
      completeMaintenanceTask(viewer, { occurrenceId: list.id, taskId: list.tasks[0]!.id }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("review reminders", () => {
  it("list templates and signed-off deployments due for review within 14 days or past, by the earliest standing approval (as the gate)", async () => {
    const now = new Date();
    const { engineer, template } = await setUp("Weekly", now);
    const reviewer = await createTestUser(prisma, "REVIEWER");
    await prisma.template.update({
      where: { id: template.templateId },
      data: { nextReviewAt: new Date(now.getTime() - 86_400_000) },
    });
    const approve = (deploymentId: string, days: number, createdAt: Date, invalidatedAt: Date | null = null) =>
      prisma.signOff.create({
        data: {
          deploymentId,
          reviewerId: reviewer.id,
          decision: "APPROVED",
          comment: "ok",
          digest: "d",
          nextReviewAt: new Date(now.getTime() + days * 86_400_000),
          createdAt,
          invalidatedAt,
        },
      });
    const deploy = async () => {
      const { id } = await createDeployment(engineer, {
        service: uniqueKey("svc"),
        environment: "prod",
        version: "1",
        templateVersionId: template.versionId,
      });
      await prisma.deployment.update({ where: { id }, data: { status: "SIGNED_OFF" } });
      return id;
    };
    const due = await deploy();
    await approve(due, 5, new Date(now.getTime() - 60_000));
    const renewed = await deploy();
    await approve(renewed, 3, new Date(now.getTime() - 120_000));
    // A later approval with a later date does not move the earlier one on: the gate refuses
    // once any standing approval's review date passes, so the earliest is the one due.
    await approve(renewed, 90, new Date(now.getTime() - 60_000));
    const invalidated = await deploy();
    await approve(invalidated, 2, new Date(now.getTime() - 60_000), now);

    const reminders = await getReviewReminders(now);
    expect(reminders.templates.find((t) => t.id === template.templateId)).toMatchObject({ overdue: true });
    const ids = reminders.deployments.map((d) => d.id);
    expect(ids).toContain(due);
    expect(reminders.deployments.find((d) => d.id === renewed)?.nextReviewAt).toEqual(
      new Date(now.getTime() + 3 * 86_400_000),
    );
    expect(ids).not.toContain(invalidated);
    expect(reminders.deployments.find((d) => d.id === due)).toMatchObject({
      overdue: false,
      approvedBy: "Test REVIEWER",
    });
  });
});
