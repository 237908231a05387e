// Jobs are written in the caller's transaction, so a change and the work it causes commit
// together or not at all: pg-boss's `db` option, here over a Prisma transaction. Deterministic
// ids make a send idempotent (pg-boss inserts with ON CONFLICT DO NOTHING on its id).
import "server-only";
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { QueueName } from "@/lib/jobs/queues";
import { JOB_SCHEMA } from "@/lib/jobs/setup";

/** A Prisma client or transaction: anything that runs SQL on our connection. */
export type SqlRunner = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

export type JobToSend = { queue: QueueName; data: Record<string, unknown>; id?: string; startAfter?: Date };

// Never started and never connected: it only writes pg-boss's SQL for the connection it is given.
let sqlWriter: PgBoss | undefined;

function writer(): PgBoss {
  sqlWriter ??= new PgBoss({
    schema: JOB_SCHEMA,
    db: { executeSql: () => Promise.reject(new Error("Job SQL runs only on the caller's connection.")) },
  });
  return sqlWriter;
}

function over(client: SqlRunner): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await client.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

/** Writes the jobs in one statement; a job whose id already exists is left as it is. */
export async function sendJobs(client: SqlRunner, jobs: JobToSend[]): Promise<void> {
  if (jobs.length === 0) return;
  await writer().insert(
    jobs.map((job) => ({ id: job.id, name: job.queue, data: job.data, startAfter: job.startAfter })),
    { db: over(client) },
  );
}

/** Moves a failed job back to the queue (one more try), as pg-boss's own retry does. */
export async function retryFailedJob(client: SqlRunner, queue: string, id: string): Promise<void> {
  await writer().retry(queue, id, { db: over(client) });
}

/** A UUID (version 8, "custom") derived from `parts`: the same parts always give the same job. */
export function jobId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
