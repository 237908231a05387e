// The job runner inside a web server process, started by instrumentation.ts. A failure to
// start (the database down, not migrated) is logged and leaves the web server serving: the
// other instances' runners, or `npm run worker`, still work the queue, and GET /api/health
// says this one is not running.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startJobRunner, type JobRunner, type RunnerStatus } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";

// On globalThis: Next may load this module more than once per process (separate bundles).
const state = globalThis as unknown as { preflightJobRunner?: { runner: JobRunner | null } };

export async function startInProcessJobRunner(): Promise<void> {
  if (state.preflightJobRunner) return;
  state.preflightJobRunner = { runner: null };
  const url = env().DATABASE_URL;
  // `next build` loads the server without a database: nothing to run there.
  if (!url) return;
  try {
    const runner = await startJobRunner({ connectionString: url, db, name: `web-${process.pid}` });
    state.preflightJobRunner.runner = runner;
    process.once("SIGTERM", () => void runner.stop());
  } catch (error) {
    logger().error(
      { err: error },
      "the job runner did not start in this server; background jobs run elsewhere or not at all",
    );
  }
}

export function inProcessRunnerStatus(): RunnerStatus | null {
  return state.preflightJobRunner?.runner?.status() ?? null;
}
