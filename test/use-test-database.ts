// Integration tests run app modules (lib/db.ts reads DATABASE_URL) against the run's database,
// and whatever a file created for itself (scratch databases, their clients) is removed after it.
import { afterAll, inject } from "vitest";
import { disposeAll } from "@/test/db";

process.env.DATABASE_URL = inject("databaseUrl");
afterAll(disposeAll);
