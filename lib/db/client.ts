// Builds a Prisma client on node-postgres (@prisma/adapter-pg): the app, scripts and
// tests all create theirs here, each with its own connection string.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    // Fail fast while the database is down, so requests answer 503 instead of hanging.
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
