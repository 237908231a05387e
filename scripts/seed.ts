// npm run db:seed — the reference template and (local mode) demo users; idempotent.
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { seedDatabase } from "@/lib/seed/seed";
import { withDatabase } from "./lib/bootstrap";
import { printDemoCredentials } from "./lib/demo-credentials";

await withDatabase(async (database, env) => {
  await migrate(database.url);
  const prisma = createPrismaClient(database.url, { max: 2 });
  try {
    const result = await seedDatabase({ mode: env.APP_ENV }, { db: prisma });
    console.log(result.templateCreated ? "Seeded the reference template." : "Reference template already present.");
    printDemoCredentials(result.demoUsers);
  } finally {
    await prisma.$disconnect();
  }
});
