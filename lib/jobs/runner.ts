// A job runner: one pg-boss with its own connection pool, working every queue of
// lib/jobs/queues.ts with the handlers of lib/jobs/handlers.ts and keeping the schedules.
// Each web server runs one (instrumentation.ts) and `npm run worker` runs one as a process of
// its own; any number share the queue. pg-boss hands a job to one runner at a time (SELECT …
// FOR UPDATE SKIP LOCKED), enqueues each cron job once per period across all of them, and
// expires a job whose runner died so another retries it. A runner never creates tables: it
// refuses a database that `npm run db:migrate` has not set up.
import "server-only";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { DbClient } from "@/lib/db";
import { jobHandlers, type JobHandler } from "@/lib/jobs/handlers";
import { EXPIRY_CHECK_SECONDS, queueSpecs, type QueueName, type QueueSpec } from "@/lib/jobs/queues";
import { checkJobQueue, JOB_SCHEMA } from "@/lib/jobs/setup";
import { logger } from "@/lib/log";

export type RunnerStatus = {
  running: boolean;
  startedAt: string | null;
  /** Jobs this runner finished (completed or failed) since it started. */
  jobsRun: number;
  lastJobAt: string | null;
};

export type JobRunner = { name: string; status: () => RunnerStatus; stop: () => Promise<void> };

export type RunnerOptions = {
  connectionString: string;
  /** The Prisma client the handlers use. */
  db: DbClient;
  /** In logs and pg-boss's application_name: which process this is. */
  name: string;
  handlers?: Record<QueueName, JobHandler>;
  log?: Logger;
  /** Every queue's polling interval instead of its own (tests: no waiting on a slow poll). */
  pollingIntervalSeconds?: number;
};

export async function startJobRunner(options: RunnerOptions): Promise<JobRunner> {
  const { connectionString, db, name, handlers = jobHandlers } = options;
  const log = (options.log ?? logger()).child({ runner: name });
  await checkJobQueue(connectionString);
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    application_name: `preflight-jobs ${name}`.slice(0, 63),
    max: 4,
    migrate: false,
    supervise: true,
    maintenanceIntervalSeconds: EXPIRY_CHECK_SECONDS,
    // Failed jobs stay on the jobs page, ready to retry, for a week (pg-boss's default: 12 h).
    archiveFailedAfterSeconds: 7 * 86_400,
    schedule: true,
  });
  // pg-boss reports a lost connection as an event; unheard, it would end the process.
  boss.on("error", (error) => log.error({ err: error }, "job queue error"));
  const status: RunnerStatus = { running: false, startedAt: null, jobsRun: 0, lastJobAt: null };

  const runOne = async (spec: QueueSpec, job: PgBoss.JobWithMetadata<unknown>) => {
    const started = performance.now();
    const fields = { queue: spec.name, jobId: job.id, attempt: job.retryCount + 1 };
    const finished = () => {
      status.jobsRun += 1;
      status.lastJobAt = new Date().toISOString();
      return Math.round(performance.now() - started);
    };
    try {
      // JSON-safe (audit ids are BigInt): it is stored as the job's output.
      const output = toJson(await handlers[spec.name](job.data, { db }));
      log.info({ job: fields, outcome: "completed", durationMs: finished(), output }, `job ${spec.name} completed`);
      return output;
    } catch (error) {
      const outcome = job.retryCount < job.retryLimit ? "failed, will retry" : "failed";
      log.warn({ job: fields, outcome, durationMs: finished(), err: error }, `job ${spec.name} ${outcome}`);
      throw error;
    }
  };

  await boss.start();
  try {
    for (const spec of queueSpecs)
      for (let loop = 0; loop < spec.concurrency; loop += 1)
        await boss.work(
          spec.name,
          {
            batchSize: 1,
            includeMetadata: true,
            pollingIntervalSeconds: options.pollingIntervalSeconds ?? spec.pollingIntervalSeconds,
          },
          ([job]) => runOne(spec, job!),
        );
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  status.running = true;
  status.startedAt = new Date().toISOString();
  log.info({ queues: queueSpecs.map((spec) => spec.name) }, "job runner started");

  return {
    name,
    status: () => ({ ...status }),
    stop: async () => {
      if (!status.running) return;
      status.running = false;
      // Graceful: jobs in hand may finish; one still running after that expires and is retried.
      await boss.stop({ graceful: true, timeout: 10_000 });
      log.info("job runner stopped");
    },
  };
}

function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? String(item) : item)));
}
