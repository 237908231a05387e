// The background work Preflight does, in one table: every queue with its retry and expiry
// policy and, for the scheduled ones, the cron that enqueues them. `npm run db:migrate`
// creates these queues and schedules (lib/jobs/setup.ts), every runner works them
// (lib/jobs/runner.ts), and the admin page lists them. No database, no `server-only`:
// the migration step runs outside the app.

export const QUEUES = {
  webhookDelivery: "webhook-delivery",
  maintenanceTick: "maintenance-tick",
  reviewReminders: "review-reminders",
  auditRetention: "audit-retention",
  waiverExpiry: "waiver-expiry",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss's own queue behind cron: its timekeeper would create it at start, so we do first. */
export const CRON_QUEUE = "__pgboss__send-it";

/**
 * A delivery is given up after this long without an answer (lib/webhooks/deliver.ts); its
 * job expires soon after, so a worker that died mid-send has its job retried by another.
 */
export const DELIVERY_EXPIRE_SECONDS = 30;

/** How often the runners look for expired jobs (pg-boss's "maintenance", once across all). */
export const EXPIRY_CHECK_SECONDS = 30;

export type QueueSpec = {
  name: QueueName;
  label: string;
  description: string;
  /** pg-boss queue options: a handler that throws is retried this often, this long apart. */
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  /** An active job not finished in this time counts as crashed and is retried. */
  expireInSeconds: number;
  /** Cron (5 fields, UTC) and its words; absent for queues that jobs are sent to. */
  schedule?: { cron: string; words: string };
  /** Jobs run one at a time per loop; this many loops per runner. */
  concurrency: number;
  pollingIntervalSeconds: number;
};

export const queueSpecs: readonly QueueSpec[] = [
  {
    name: QUEUES.webhookDelivery,
    label: "Webhook delivery",
    description:
      "One attempt to send one webhook delivery; a failed attempt schedules the next with backoff, the eighth failure fails the job.",
    // Only crashes and errors of our own count here: the receiver's failures are the delivery's
    // own attempts (30 s × 2ⁿ, recorded on the delivery), which the job reschedules itself.
    retryLimit: 2,
    retryDelay: 0,
    retryBackoff: false,
    expireInSeconds: DELIVERY_EXPIRE_SECONDS,
    concurrency: 4,
    pollingIntervalSeconds: 1,
  },
  {
    name: QUEUES.maintenanceTick,
    label: "Maintenance tick",
    description: "Creates each schedule's maintenance list for the current period and queues “maintenance overdue”.",
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    schedule: { cron: "*/5 * * * *", words: "every 5 minutes" },
    concurrency: 1,
    pollingIntervalSeconds: 5,
  },
  {
    name: QUEUES.reviewReminders,
    label: "Review reminders",
    description:
      "Sends “review.due” once for each template and sign-off whose review date comes within 14 days (or has passed).",
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 300,
    schedule: { cron: "5 * * * *", words: "hourly, at 5 past" },
    concurrency: 1,
    pollingIntervalSeconds: 5,
  },
  {
    name: QUEUES.auditRetention,
    label: "Audit retention",
    description:
      "When AUDIT_RETENTION_DAYS is set: exports older audit events to DATA_DIR/audit-exports of the instance that runs it, then removes them.",
    retryLimit: 2,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 3_600,
    schedule: { cron: "30 3 * * *", words: "daily at 03:30 UTC" },
    concurrency: 1,
    pollingIntervalSeconds: 5,
  },
  {
    name: QUEUES.waiverExpiry,
    label: "Waiver expiry",
    description:
      "Marks waivers past their expiry as expired, withdraws the sign-offs that relied on them and sends “waiver.expired”.",
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    schedule: { cron: "* * * * *", words: "every minute" },
    concurrency: 1,
    pollingIntervalSeconds: 5,
  },
];

export function queueSpec(name: string): QueueSpec | undefined {
  return queueSpecs.find((spec) => spec.name === name);
}
