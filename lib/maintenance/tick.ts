// The maintenance tick: creates every due maintenance list and queues "maintenance overdue"
// for the lists that became overdue. The job queue runs it on a schedule (lib/jobs/queues.ts),
// `npm run cli -- maintenance tick` by hand. Safe to run from several places at once:
// creation is insert-if-absent in the database, and an overdue list is marked once.
import "server-only";
import type { DbClient } from "@/lib/db";
import { generateOccurrences, type GenerationSummary } from "@/lib/maintenance/generate-occurrences";
import { queueOverdueMaintenance } from "@/lib/webhooks/overdue";

export type MaintenanceTickSummary = GenerationSummary & {
  overdueLists: number;
  overdueWebhooksQueued: number;
  ranAt: string;
};

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
