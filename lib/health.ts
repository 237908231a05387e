// Liveness plus database reachability, for load balancers and the status check; and the job
// runner's state, which is reported but never makes the check fail.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { jobsHealth, offlineJobsHealth, type JobsHealth } from "@/lib/jobs/status";
import { logger } from "@/lib/log";

export type Health = {
  status: "ok" | "unavailable";
  database: "ok" | "unreachable";
  jobs: JobsHealth;
  checkedAt: string;
};

export async function checkHealth(): Promise<Health> {
  const checkedAt = new Date().toISOString();
  try {
    const deadline = env().HEALTH_TIMEOUT_MS;
    await withDeadline(db.$queryRaw`SELECT 1`, deadline);
    return { status: "ok", database: "ok", jobs: await withDeadline(jobsHealth(), deadline), checkedAt };
  } catch (error) {
    logger().warn({ err: error }, "health check: database unreachable");
    // No second query against a database that just failed one.
    return { status: "unavailable", database: "unreachable", jobs: offlineJobsHealth(), checkedAt };
  }
}

/** The promise, or a rejection after `ms`: a stopped database never answers. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
