// npm run db:migrate — applies pending migrations to the selected database.
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
  });
} catch (error) {
  if (error instanceof MigrationError) exitWith(error.message);
  throw error;
}
