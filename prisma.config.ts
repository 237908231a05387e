// Prisma CLI configuration. The app never runs the CLI against a database (the native
// schema engine cannot be downloaded here); see docs/decisions/0002-offline-migrations.md.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/preflight" },
});
