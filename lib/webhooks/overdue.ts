// "Maintenance overdue" is sent once per list. Marking and queueing happen in one
// transaction with UPDATE … WHERE "overdueNotifiedAt" IS NULL … RETURNING, so concurrent
// ticks (several runners' jobs, the CLI by hand) never queue a list twice: a row is marked by
// exactly one of them, and its delivery commits or rolls back with the mark.
import "server-only";
import { dbOf, type DomainOptions } from "@/lib/db";
import { appUrl, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

type Overdue = { id: string; scheduleId: string; periodStart: Date; periodEnd: Date; dueAt: Date };

/** Queues MAINTENANCE_OVERDUE for every active schedule's incomplete list past its due date; returns how many lists. */
export async function queueOverdueMaintenance(options: DomainOptions & { now?: Date } = {}): Promise<number> {
  const { now = new Date() } = options;
  return dbOf(options).$transaction(async (tx) => {
    // SKIP LOCKED: a list another tick is marking right now is theirs to queue; waiting for
    // it could only deadlock or find it already marked.
    const marked = await tx.$queryRaw<Overdue[]>`
      WITH due AS (
        SELECT o.id
          FROM "MaintenanceOccurrence" o
          JOIN "MaintenanceSchedule" s ON s.id = o."scheduleId"
         WHERE s.active
           AND o."completedAt" IS NULL
           AND o."overdueNotifiedAt" IS NULL
           AND o."dueAt" <= (${now}::timestamptz AT TIME ZONE 'UTC')
         ORDER BY o.id
           FOR UPDATE OF o SKIP LOCKED
      )
      UPDATE "MaintenanceOccurrence" o
         SET "overdueNotifiedAt" = (${now}::timestamptz AT TIME ZONE 'UTC')
        FROM due
       WHERE o.id = due.id
      RETURNING o.id, o."scheduleId", o."periodStart", o."periodEnd", o."dueAt"`;
    if (marked.length === 0) return 0;
    const schedules = await tx.maintenanceSchedule.findMany({
      where: { id: { in: [...new Set(marked.map((list) => list.scheduleId))] } },
      select: {
        id: true,
        cadence: true,
        scopeKey: true,
        section: {
          select: { title: true, templateVersion: { select: { template: { select: { id: true, name: true } } } } },
        },
      },
    });
    for (const list of marked) {
      const schedule = schedules.find((candidate) => candidate.id === list.scheduleId)!;
      await enqueueWebhookEvent(
        tx,
        "MAINTENANCE_OVERDUE",
        {
          maintenance: {
            occurrenceId: list.id,
            scheduleId: schedule.id,
            cadence: schedule.cadence,
            scope: schedule.scopeKey,
            section: schedule.section.title,
            template: schedule.section.templateVersion.template,
            periodStart: list.periodStart.toISOString(),
            periodEnd: list.periodEnd.toISOString(),
            dueAt: list.dueAt.toISOString(),
            url: appUrl("/maintenance"),
          },
        },
        now,
      );
    }
    return marked.length;
  });
}
