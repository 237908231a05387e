// `npm run cli -- webhooks deliver`: one delivery run, for a scheduler (cron, a Kubernetes
// CronJob) where the app's own poller is not wanted or as a backstop. Safe to run beside any
// number of app instances: deliveries are claimed in the database, never sent twice at once.
import type { PrismaClient } from "@/lib/db/client";
import { deliverDueWebhooks, type DeliveryRunSummary } from "@/lib/webhooks/deliver";

export async function webhooksDeliver(prisma: PrismaClient, now: Date = new Date()): Promise<DeliveryRunSummary> {
  // Larger batches than the poller's: a cron run may find a backlog.
  return deliverDueWebhooks({ db: prisma, now, limit: 100 });
}

export function formatDeliverySummary(summary: DeliveryRunSummary): string {
  return `Sent ${summary.claimed} due webhook deliver${summary.claimed === 1 ? "y" : "ies"}: ${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.failed} failed for good.`;
}
