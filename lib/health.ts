// Liveness plus database reachability, for load balancers and the status check; and the job
// runner's state, which is reported but never makes the check fail.
import "server-only";
import { db } from "@/lib/db";
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
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok", jobs: await jobsHealth(), checkedAt };
  } catch (error) {
    logger().warn({ err: error }, "health check: database unreachable");
    // No second query against a database that just failed one.
    return { status: "unavailable", database: "unreachable", jobs: offlineJobsHealth(), checkedAt };
  }
}
