// npm run db:migrate — applies pending migrations to the selected database, then sets up
// the job queue's schema, queues and schedules (lib/jobs/setup.ts).
import { migrate, MigrationError } from "@/lib/db/migrate";
import { exitWith, withDatabase } from "./lib/bootstrap";

try {
  await withDatabase(async (database) => {
    const result = await migrate(database.url);
    console.log(
      result.applied.length
        ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
        : `Database is up to date (${result.alreadyApplied} migration(s) applied).`,
    );
    const { schema, version } = result.jobQueue;
    console.log(`Job queue: schema pgboss ${schema === "current" ? "is current" : schema} (version ${version}).`);
  });
} catch (error) {
  if (error instanceof MigrationError) exitWith(error.message);
  throw error;
}
