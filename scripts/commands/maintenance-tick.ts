// `npm run cli -- maintenance tick`: creates every due maintenance list, for an external
// scheduler (cron, a Kubernetes CronJob) to run as often as the shortest cadence needs —
// hourly is plenty. It is safe to run from several places at once: creation is
// insert-if-absent in the database, so overlapping ticks never double-create a list.
import type { PrismaClient } from "@/lib/db/client";
import { generateOccurrences, type GenerationSummary } from "@/lib/maintenance/generate-occurrences";
import { queueOverdueMaintenance } from "@/lib/webhooks/overdue";

export type MaintenanceTickSummary = GenerationSummary & {
  overdueLists: number;
  overdueWebhooksQueued: number;
  ranAt: string;
};

export async function maintenanceTick(prisma: PrismaClient, now: Date = new Date()): Promise<MaintenanceTickSummary> {
  const generated = await generateOccurrences(prisma, now, { actorLabel: "maintenance-tick" });
  const overdueLists = await prisma.maintenanceOccurrence.count({
    where: { dueAt: { lte: now }, completedAt: null, schedule: { active: true } },
  });
  // Lists that became overdue since the last tick: "maintenance overdue" webhooks, once each.
  const overdueWebhooksQueued = await queueOverdueMaintenance(prisma, now);
  return { ...generated, overdueLists, overdueWebhooksQueued, ranAt: now.toISOString() };
}

/** One line for people and logs; `--json` callers print the summary object instead. */
export function formatTickSummary(summary: MaintenanceTickSummary): string {
  return `Checked ${summary.schedules} schedule(s) in ${summary.timeZone}: created ${summary.occurrencesCreated} list(s) with ${summary.tasksCreated} task(s); ${summary.overdueLists} list(s) overdue.`;
}
