// The job queue's part of `npm run db:migrate` (lib/db/migrate.ts), so no runner ever
// creates a table: pg-boss's own migrator creates or upgrades its schema `pgboss` (tables,
// a type and functions, beside Prisma's `public`), then every queue of lib/jobs/queues.ts is
// created (each is a partition table in pg-boss 10) and given its current options, and the
// schedules are written; a schedule no longer in that table is removed.
import PgBoss from "pg-boss";
import pg from "pg";
import { CRON_QUEUE, queueSpecs } from "@/lib/jobs/queues";

export const JOB_SCHEMA = "pgboss";

export type JobQueueSetup = { schema: "created" | "upgraded" | "current"; version: number };

export class JobQueueNotReadyError extends Error {
  constructor(problem: string) {
    super(`The job queue is not set up (${problem}); run \`npm run db:migrate\` (npm start does) first.`);
    this.name = "JobQueueNotReadyError";
  }
}

/** What a runner checks before it starts: pg-boss's schema at this version, and every queue. */
export async function checkJobQueue(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => client.query(text, values) },
      schema: JOB_SCHEMA,
      migrate: false,
      supervise: false,
      schedule: false,
    });
    // With migrate: false, start() only checks the schema's version (and throws if it differs).
    await boss.start().catch((error: Error) => {
      throw new JobQueueNotReadyError(error.message);
    });
    await boss.stop({ graceful: false, close: false });
    const existing = new Set((await boss.getQueues()).map((queue) => queue.name));
    const missing = [CRON_QUEUE, ...queueSpecs.map((spec) => spec.name)].filter((name) => !existing.has(name));
    if (missing.length) throw new JobQueueNotReadyError(`queue ${missing.join(", ")} missing`);
  } finally {
    await client.end();
  }
}

/** Runs on the migration's own connection (its advisory lock keeps two migrations apart). */
export async function setUpJobQueue(client: pg.Client): Promise<JobQueueSetup> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => client.query(text, values) },
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  const before = (await boss.isInstalled()) ? Number(await boss.schemaVersion()) : null;
  await boss.start();
  try {
    await boss.createQueue(CRON_QUEUE);
    for (const spec of queueSpecs) {
      const options = {
        name: spec.name,
        retryLimit: spec.retryLimit,
        retryDelay: spec.retryDelay,
        retryBackoff: spec.retryBackoff,
        expireInSeconds: spec.expireInSeconds,
      };
      // createQueue leaves an existing queue as it is; updateQueue brings its options up to date.
      await boss.createQueue(spec.name, options);
      await boss.updateQueue(spec.name, options);
      if (spec.schedule) await boss.schedule(spec.name, spec.schedule.cron, {}, { tz: "UTC" });
    }
    const wanted = new Set(queueSpecs.filter((spec) => spec.schedule).map((spec) => spec.name as string));
    for (const schedule of await boss.getSchedules())
      if (!wanted.has(schedule.name)) await boss.unschedule(schedule.name);
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  const version = Number(await boss.schemaVersion());
  return { schema: before === null ? "created" : before < version ? "upgraded" : "current", version };
}
