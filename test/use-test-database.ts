// Integration tests run app modules (lib/db.ts reads DATABASE_URL) against the run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
