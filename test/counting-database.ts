// Counts the SQL statements the app's `db` sends, for tests that assert a query budget.
// The count is taken where every statement must pass — node-postgres' Client.query — so
// it sees what Prisma really sends (including BEGIN/COMMIT), not what it logs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type StatementLog = { count: () => number; statements: () => string[]; reset: () => void };

/**
 * Points the app's lazily created `db` (lib/db.ts keeps it on globalThis.preflightDb) at a
 * client on `url` whose pool counts every statement. Production code is unchanged: it only
 * sees an ordinary Prisma client built the way lib/db/client.ts builds one.
 */
export function useCountingAppDatabase(url: string): StatementLog {
  const seen: string[] = [];
  class CountingClient extends pg.Client {
    // pg.Client.query has many overloads; counting needs only the text of the first argument.
    override query(...args: unknown[]): never {
      const first = args[0];
      seen.push(typeof first === "string" ? first : String((first as { text?: string } | undefined)?.text ?? "?"));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, Client: CountingClient });
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  const holder = globalThis as unknown as { preflightDb?: PrismaClient };
  const previous = holder.preflightDb;
  holder.preflightDb = client;
  afterAll(async () => {
    holder.preflightDb = previous;
    await client.$disconnect();
    await pool.end();
  });
  return { count: () => seen.length, statements: () => [...seen], reset: () => void seen.splice(0) };
}
