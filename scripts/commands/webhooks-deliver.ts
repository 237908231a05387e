// `npm run cli -- webhooks deliver`: sends every due delivery now, by hand — to drain a backlog
// or when no runner is up. Safe beside any number of runners: deliveries are leased in the
// database, never sent twice at once, and a failure queues its next attempt on the job queue.
import type { PrismaClient } from "@/lib/db/client";
import { deliverDueWebhooks, type DeliveryRunSummary } from "@/lib/webhooks/deliver";

export async function webhooksDeliver(prisma: PrismaClient, now: Date = new Date()): Promise<DeliveryRunSummary> {
  return deliverDueWebhooks({ db: prisma, now, limit: 100 });
}

export function formatDeliverySummary(summary: DeliveryRunSummary): string {
  return `Sent ${summary.claimed} due webhook deliver${summary.claimed === 1 ? "y" : "ies"}: ${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.failed} failed for good.`;
}
