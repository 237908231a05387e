// Shared start-up for the command-line scripts: a validated environment (or one clear
// line and exit 1) and a database chosen the same way the app chooses it.
import { acquireDatabase, type AcquiredDatabase } from "@/lib/db/acquire";
import { env as readEnv, EnvError, type Env } from "@/lib/env";
import { logger } from "@/lib/log";

export function loadEnvOrExit(): Env {
  try {
    return readEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Runs `task` on the selected database, then releases it (stopping an embedded server it started). */
export async function withDatabase<T>(task: (database: AcquiredDatabase, env: Env) => Promise<T>): Promise<T> {
  const env = loadEnvOrExit();
  const database = await acquireDatabase(env, (line) => logger().debug({ postgres: line }));
  // On stderr: a command's stdout is its result (e.g. JSON to pipe on).
  console.error(`database: ${database.description}`);
  try {
    return await task(database, env);
  } finally {
    await database.release();
  }
}

/** Prints one line for an expected failure (no stack trace) and exits non-zero. */
export function exitWith(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}
