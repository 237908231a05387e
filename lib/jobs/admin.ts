// The jobs page: queues with their counts and schedules, recent failures with their error, and
// an admin's retry of a failed job (audited). pg-boss 10 has no call that lists jobs, so the
// reads below query its tables (schema pgboss: job, schedule) directly; the upgrade note in
// docs/decisions/0010-job-queue.md says to check them against a new version.
import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, readerOf, type DomainOptions, type ReadOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { inProcessRunnerStatus } from "@/lib/jobs/in-process";
import { QUEUES, queueSpec, queueSpecs, type QueueName } from "@/lib/jobs/queues";
import type { RunnerStatus } from "@/lib/jobs/runner";
import { retryFailedJob } from "@/lib/jobs/send";
import { eventNames } from "@/lib/webhooks/events";
import { resetDelivery } from "@/lib/webhooks/manage";

const states = ["created", "retry", "active", "completed", "failed"] as const;
type State = (typeof states)[number];

export type QueueRow = {
  name: QueueName;
  label: string;
  description: string;
  schedule: { cron: string; words: string } | null;
  counts: Record<State, number>;
  lastRun: { state: "completed" | "failed"; at: Date } | null;
};

export type FailedJob = {
  id: string;
  queue: QueueName;
  label: string;
  failedAt: Date;
  error: string;
  /** Runs of this job: the first plus pg-boss's retries of it. */
  runs: number;
  /** What it was about, where there is a page for it (a webhook delivery). */
  subject: { text: string; href: string } | null;
};

export type JobsOverview = {
  queues: QueueRow[];
  failures: FailedJob[];
  /** This server process's runner (null: none here). */
  runner: RunnerStatus | null;
  lastTickAt: Date | null;
};

export const RECENT_FAILURES = 25;

export async function readJobsOverview(actor: Actor | null, options?: ReadOptions): Promise<JobsOverview> {
  requirePermission(actor, "settings:manage");
  const client = readerOf(options);
  const [counts, lastRuns, schedules, failed] = await Promise.all([
    client.$queryRaw<{ name: string; state: string; n: number }[]>`
      SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job GROUP BY name, state`,
    client.$queryRaw<{ name: string; state: "completed" | "failed"; at: Date }[]>`
      SELECT DISTINCT ON (name) name, state::text AS state, completed_on AS at
        FROM pgboss.job WHERE state IN ('completed', 'failed')
       ORDER BY name, completed_on DESC`,
    client.$queryRaw<{ name: string }[]>`SELECT name FROM pgboss.schedule`,
    client.$queryRaw<{ id: string; name: string; data: unknown; output: unknown; retry_count: number; at: Date }[]>`
      SELECT id::text AS id, name, data, output, retry_count, completed_on AS at
        FROM pgboss.job WHERE state = 'failed'
       ORDER BY completed_on DESC LIMIT ${RECENT_FAILURES}`,
  ]);
  const scheduled = new Set(schedules.map((row) => row.name));
  const queues = queueSpecs.map((spec): QueueRow => {
    const lastRun = lastRuns.find((row) => row.name === spec.name);
    return {
      name: spec.name,
      label: spec.label,
      description: spec.description,
      schedule: spec.schedule && scheduled.has(spec.name) ? spec.schedule : null,
      counts: Object.fromEntries(
        states.map((state) => [state, counts.find((row) => row.name === spec.name && row.state === state)?.n ?? 0]),
      ) as Record<State, number>,
      lastRun: lastRun ? { state: lastRun.state, at: lastRun.at } : null,
    };
  });
  const ours = failed.flatMap((job) => {
    const spec = queueSpec(job.name);
    return spec ? [{ job, spec, deliveryId: spec.name === QUEUES.webhookDelivery ? deliveryIdOf(job.data) : "" }] : [];
  });
  const subjects = await deliverySubjects(client, ours.map((row) => row.deliveryId).filter(Boolean));
  return {
    queues,
    failures: ours.map(({ job, spec, deliveryId }) => ({
      id: job.id,
      queue: spec.name,
      label: spec.label,
      failedAt: job.at,
      error: errorText(job.output),
      runs: job.retry_count + 1,
      subject: subjects.get(deliveryId) ?? null,
    })),
    runner: inProcessRunnerStatus(),
    lastTickAt: lastRuns.find((row) => row.name === QUEUES.maintenanceTick && row.state === "completed")?.at ?? null,
  };
}

export const retryJobSchema = z.object({
  queue: z.enum(queueSpecs.map((spec) => spec.name) as [QueueName, ...QueueName[]], {
    error: "is not one of Preflight's queues",
  }),
  jobId: z.uuid({ error: "is not a job id" }),
});

/**
 * Puts a failed job back on its queue for one more run. For a webhook delivery that gave up,
 * the delivery also gets a fresh round of attempts (as "Redeliver" does), in the same transaction.
 */
export async function retryJob(
  actor: Actor | null,
  input: z.input<typeof retryJobSchema>,
  options?: DomainOptions,
): Promise<{ queue: QueueName; jobId: string }> {
  requirePermission(actor, "settings:manage");
  const { queue, jobId } = parseInput(retryJobSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<{ state: string; data: unknown; output: unknown }[]>`
      SELECT state::text AS state, data, output FROM pgboss.job WHERE name = ${queue} AND id = ${jobId}::uuid FOR UPDATE`;
    if (!job) throw new AppError("NOT_FOUND", "That job no longer exists (failed jobs are archived after a week).");
    if (job.state !== "failed") throw new AppError("CONFLICT", "This job has not failed (it was retried already).");
    let delivery: { status: string; attempts: number } | null = null;
    if (queue === QUEUES.webhookDelivery) {
      const [row] = await tx.$queryRaw<{ id: string; status: string; attempts: number }[]>`
        SELECT id, status::text AS status, attempts FROM "WebhookDelivery" WHERE id = ${deliveryIdOf(job.data)} FOR UPDATE`;
      if (row && row.status !== "DELIVERED") {
        delivery = { status: row.status, attempts: row.attempts };
        await resetDelivery(tx, row);
      }
    }
    await retryFailedJob(tx, queue, jobId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "job.retry",
      entityType: "Job",
      entityId: jobId,
      before: { queue, state: "failed", error: errorText(job.output), ...(delivery ? { delivery } : {}) },
      after: { queue, state: "retry" },
    });
    return { queue, jobId };
  });
}

function deliveryIdOf(data: unknown): string {
  return typeof data === "object" && data && "deliveryId" in data ? String(data.deliveryId) : "";
}

async function deliverySubjects(client: ReturnType<typeof readerOf>, ids: string[]) {
  const subjects = new Map<string, { text: string; href: string }>();
  if (ids.length === 0) return subjects;
  const deliveries = await client.webhookDelivery.findMany({
    where: { id: { in: ids } },
    select: { id: true, event: true, webhook: { select: { id: true, url: true } } },
  });
  for (const delivery of deliveries)
    subjects.set(delivery.id, {
      text: `${eventNames[delivery.event]} to ${delivery.webhook.url}`,
      href: `/admin/webhooks/${delivery.webhook.id}`,
    });
  return subjects;
}

/** The message of what pg-boss stored: a thrown error, its expiry, or its shutdown. */
export function errorText(output: unknown): string {
  if (typeof output === "object" && output) {
    const record = output as { message?: unknown; value?: unknown };
    if (typeof record.message === "string") return record.message;
    if (typeof record.value === "string") return record.value;
    if (typeof record.value === "object" && record.value && "message" in record.value)
      return String(record.value.message);
  }
  return output === null || output === undefined ? "No error recorded." : JSON.stringify(output).slice(0, 500);
}
