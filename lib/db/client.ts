// Builds a Prisma client on node-postgres (@prisma/adapter-pg): the app, scripts and
// tests all create theirs here, each with its own connection string.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type ClientOptions = {
  max?: number;
  /** Client-side deadline for one query (pg's query_timeout): a stopped server enforces
   * nothing, so without it a request waits as long as the server is stopped. 0 = none. */
  queryTimeoutMs?: number;
  /** Server-side statement_timeout and lock_timeout, and idle_in_transaction_session_timeout
   * (twice this), set on every connection for a live but slow server. 0 = none. A job that
   * needs longer raises it for its transaction with SET LOCAL statement_timeout. */
  statementTimeoutMs?: number;
  /** How long a request waits for a connection, new or from the pool (pg applies one deadline
   * to both) and a transaction for its start (Prisma's maxWait). Default 5 s: under a burst on
   * a slow machine (50 writers on one deployment, 2 busy cores) 3 s was too short. */
  connectionTimeoutMs?: number;
};

export function createPrismaClient(connectionString: string, options: ClientOptions = {}): PrismaClient {
  const statement = options.statementTimeoutMs ?? 0;
  const connectionWait = options.connectionTimeoutMs ?? 5_000;
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    // Fail fast while the database is down, so requests answer 503 instead of hanging.
    connectionTimeoutMillis: connectionWait,
    idleTimeoutMillis: 30_000,
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
    ...(statement
      ? { statement_timeout: statement, lock_timeout: statement, idle_in_transaction_session_timeout: statement * 2 }
      : {}),
  });
  // A transaction that cannot start in time fails with P2028 (answered 503) and runs at most
  // as long as a query may; a longer one passes its own { timeout }.
  const timeout = Math.max(options.queryTimeoutMs ?? 0, 5_000);
  return new PrismaClient({ adapter, transactionOptions: { maxWait: connectionWait, timeout } });
}

export type { PrismaClient };
