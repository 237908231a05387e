// The job runner's part of GET /api/health: whether this process runs one, and when the
// maintenance tick last completed in any instance (so a stalled schedule shows). Informative
// only: the health status never depends on it.
import "server-only";
import { readerOf, type ReadOptions } from "@/lib/db";
import { inProcessRunnerStatus } from "@/lib/jobs/in-process";
import { QUEUES } from "@/lib/jobs/queues";

export type JobsHealth = { running: boolean; lastTickAt: string | null };

const runnerRunning = () => inProcessRunnerStatus()?.running ?? false;

export async function jobsHealth(options?: ReadOptions): Promise<JobsHealth> {
  const running = runnerRunning();
  try {
    const rows = await readerOf(options).$queryRaw<{ at: Date | null }[]>`
      SELECT max(completed_on) AS at FROM pgboss.job WHERE name = ${QUEUES.maintenanceTick} AND state = 'completed'`;
    return { running, lastTickAt: rows[0]?.at?.toISOString() ?? null };
  } catch {
    return { running, lastTickAt: null };
  }
}

/** Without the database: only what this process knows. */
export function offlineJobsHealth(): JobsHealth {
  return { running: runnerRunning(), lastTickAt: null };
}
