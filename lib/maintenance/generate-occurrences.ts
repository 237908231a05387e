// Creates each active schedule's task lists up to the current period, idempotently in the
// database: occurrences are inserted with ON CONFLICT DO NOTHING on (scheduleId,
// periodStart) and tasks on (occurrenceId, itemId), so any number of app instances, page
// views and ticks running at once create every list exactly once. The board calls this
// lazily, and the maintenance tick (a job on the queue, lib/maintenance/tick.ts) on schedule.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import { periodsBetween, type Period } from "@/lib/maintenance/periods";
import { readOrgTimeZone } from "@/lib/maintenance/time-zone";

/**
 * Missed periods are backfilled (they show as overdue), but only this many per schedule:
 * about 13 months of a daily list, and far more than any weekly or longer one will ever
 * need. Beyond that, nobody works through old lists; they would only slow the board down.
 */
export const MAX_BACKFILL_PERIODS = 400;

export type GenerationSummary = {
  schedules: number;
  occurrencesCreated: number;
  tasksCreated: number;
  timeZone: string;
};

type Schedule = { id: string; cadence: Parameters<typeof periodsBetween>[0]; sectionId: string; createdAt: Date };

/**
 * `by` is who the audit trail names (the tick, the board's "system"); `scheduleIds` limits
 * the work to those schedules; `now` is the moment whose period is the newest to create.
 */
export async function generateOccurrences(
  by: { actorLabel: string },
  input: { scheduleIds?: string[] } = {},
  options: DomainOptions & { now?: Date } = {},
): Promise<GenerationSummary> {
  const { scheduleIds } = input;
  const { now = new Date() } = options;
  const client = dbOf(options);
  const timeZone = await readOrgTimeZone(client);
  const schedules = await client.maintenanceSchedule.findMany({
    where: { active: true, ...(scheduleIds ? { id: { in: scheduleIds } } : {}) },
    select: { id: true, cadence: true, sectionId: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const summary: GenerationSummary = { schedules: schedules.length, occurrencesCreated: 0, tasksCreated: 0, timeZone };
  for (const schedule of schedules) {
    const periods = periodsBetween(schedule.cadence, schedule.createdAt, now, timeZone, MAX_BACKFILL_PERIODS);
    const missing = await missingPeriods(client, schedule.id, periods);
    if (missing.length === 0) continue;
    const created = await createLists(client, schedule, missing, by);
    summary.occurrencesCreated += created.occurrences;
    summary.tasksCreated += created.tasks;
  }
  return summary;
}

/**
 * The periods without a list yet. A read first keeps the common case (nothing to do) free
 * of writes; it also skips a period that overlaps an existing list, which happens when the
 * organisation's time zone changed since that list was made (the old list stays the one).
 */
async function missingPeriods(client: DbClient, scheduleId: string, periods: Period[]): Promise<Period[]> {
  const first = periods[0];
  if (!first) return [];
  const existing = await client.maintenanceOccurrence.findMany({
    where: { scheduleId, periodEnd: { gt: first.start } },
    select: { periodStart: true, periodEnd: true },
  });
  return periods.filter(
    (period) => !existing.some((list) => list.periodStart < period.end && list.periodEnd > period.start),
  );
}

async function createLists(client: DbClient, schedule: Schedule, periods: Period[], by: { actorLabel: string }) {
  return client.$transaction(async (tx) => {
    // Oldest first in one statement: concurrent inserts of the same periods wait on the same
    // first row in the same order, so they cannot deadlock; the losers skip every row.
    const occurrences = await tx.maintenanceOccurrence.createManyAndReturn({
      data: periods.map((period) => ({
        scheduleId: schedule.id,
        periodStart: period.start,
        periodEnd: period.end,
        dueAt: period.end,
      })),
      skipDuplicates: true,
      select: { id: true, periodStart: true },
    });
    if (occurrences.length === 0) return { occurrences: 0, tasks: 0 };
    const items = await tx.item.findMany({
      where: { sectionId: schedule.sectionId, isLeaf: true },
      orderBy: [{ depth: "asc" }, { position: "asc" }],
      select: { id: true },
    });
    const { count: tasks } = await tx.maintenanceTask.createMany({
      data: occurrences.flatMap((occurrence) =>
        items.map((item) => ({ occurrenceId: occurrence.id, itemId: item.id })),
      ),
      skipDuplicates: true,
    });
    await recordAudit(tx, {
      actorLabel: by.actorLabel,
      action: "maintenance.occurrences.create",
      entityType: "MaintenanceSchedule",
      entityId: schedule.id,
      after: { periodStarts: occurrences.map((o) => o.periodStart.toISOString()), tasks },
    });
    return { occurrences: occurrences.length, tasks };
  });
}
