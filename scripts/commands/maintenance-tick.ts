// `npm run cli -- maintenance tick`: creates every due maintenance list, for an external
// scheduler (cron, a Kubernetes CronJob) to run as often as the shortest cadence needs —
// hourly is plenty. It is safe to run from several places at once: creation is
// insert-if-absent in the database, so overlapping ticks never double-create a list.
import type { DbClient } from "@/lib/db";
import { generateOccurrences, type GenerationSummary } from "@/lib/maintenance/generate-occurrences";
import { queueOverdueMaintenance } from "@/lib/webhooks/overdue";

export type MaintenanceTickSummary = GenerationSummary & {
  overdueLists: number;
  overdueWebhooksQueued: number;
  ranAt: string;
};

/** The CLI passes the client it opened; `now` defaults to the current time. */
export async function maintenanceTick(options: { db: DbClient; now?: Date }): Promise<MaintenanceTickSummary> {
  const { db, now = new Date() } = options;
  const generated = await generateOccurrences({ actorLabel: "maintenance-tick" }, {}, { db, now });
  const overdueLists = await db.maintenanceOccurrence.count({
    where: { dueAt: { lte: now }, completedAt: null, schedule: { active: true } },
  });
  // Lists that became overdue since the last tick: "maintenance overdue" webhooks, once each.
  const overdueWebhooksQueued = await queueOverdueMaintenance({ db, now });
  return { ...generated, overdueLists, overdueWebhooksQueued, ranAt: now.toISOString() };
}

/** One line for people and logs; `--json` callers print the summary object instead. */
export function formatTickSummary(summary: MaintenanceTickSummary): string {
  return `Checked ${summary.schedules} schedule(s) in ${summary.timeZone}: created ${summary.occurrencesCreated} list(s) with ${summary.tasksCreated} task(s); ${summary.overdueLists} list(s) overdue.`;
}
