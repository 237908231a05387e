// What each queue's job does. A handler gets the job's data and the runner's database; what it
// returns is the job's output (shown on the jobs page), what it throws fails the job.
import "server-only";
import { runScheduledRetention } from "@/lib/audit/scheduled-retention";
import type { DbClient } from "@/lib/db";
import { QUEUES, type QueueName } from "@/lib/jobs/queues";
import { maintenanceTick } from "@/lib/maintenance/tick";
import { queueReviewReminders } from "@/lib/reminders/review-reminders";
import { expireWaivers } from "@/lib/waivers/expire-waivers";
import { deliveryJobData, runDeliveryJob } from "@/lib/webhooks/deliver";

export type JobHandler = (data: unknown, context: { db: DbClient }) => Promise<unknown>;

export const jobHandlers: Record<QueueName, JobHandler> = {
  [QUEUES.webhookDelivery]: (data, { db }) => runDeliveryJob(deliveryJobData.parse(data), { db }),
  [QUEUES.maintenanceTick]: (_data, { db }) => maintenanceTick({ db }),
  [QUEUES.reviewReminders]: (_data, { db }) => queueReviewReminders({ db }),
  [QUEUES.auditRetention]: (_data, { db }) => runScheduledRetention({ db }),
  [QUEUES.waiverExpiry]: (_data, { db }) => expireWaivers({ db }),
};
