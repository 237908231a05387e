// The app's one Prisma client, on the database the start script chose (DATABASE_URL).
import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as { preflightDb?: PrismaClient };

function database(): PrismaClient {
  if (!globalForPrisma.preflightDb) {
    const settings = env();
    const url = settings.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start Preflight with `npm start`, which provides it.");
    globalForPrisma.preflightDb = createPrismaClient(url, {
      queryTimeoutMs: settings.DB_QUERY_TIMEOUT_MS,
      statementTimeoutMs: settings.DB_STATEMENT_TIMEOUT_MS,
    });
  }
  return globalForPrisma.preflightDb;
}

/** Lazily connected, so importing this module at build time touches no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = database();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

/** The database a domain function works on. */
export type DbClient = PrismaClient;

/** The last parameter of every domain function: `(actor, input, options?)`. Actions and
 * pages pass none (the app's client); tests, the CLI and jobs pass the client they hold. */
export type DomainOptions = { db?: DbClient };

export function dbOf(options?: DomainOptions): DbClient {
  return options?.db ?? db;
}

/** The options of a read that a domain function may also run inside its transaction (the
 * gate decided under a deployment's lock): a client or a transaction's. */
export type ReadOptions = { db?: DbClient | Prisma.TransactionClient };

export function readerOf(options?: ReadOptions): DbClient | Prisma.TransactionClient {
  return options?.db ?? db;
}
