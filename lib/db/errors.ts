// Translates Prisma's error codes inside lib/, so callers never match on them.
import { Prisma } from "@/lib/generated/prisma/client";

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Prisma's codes for "cannot reach / lost the server", pool timeouts and a transaction that
// could not start or finish in time (P2028: the server is stopped or swamped).
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
// What @prisma/adapter-pg reports for socket-level failures.
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown in progress (57P01–57P03),
// too many connections (53300), a statement cancelled by statement_timeout (57014) or a lock
// not granted within lock_timeout (55P03): a live but swamped server.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300|57014|55P03)$/;
// node-postgres raises these as plain Errors without a code when a socket dies or the pool
// cannot connect in time.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|ECONNREFUSED|Query read timeout|canceling statement due to (statement|lock) timeout|Client has encountered a connection error|the database system is (shutting down|starting up)/i;

type AdapterCause = { kind?: unknown; originalCode?: unknown };

export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is unavailable right now; nothing was saved. Try again in a few seconds.";

/** True when the error means the database is down or unreachable (not a bad query): callers
 * answer 503 and the user is told to try again. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const candidate = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: AdapterCause } };
    cause?: unknown;
    message?: unknown;
  };
  if (
    typeof candidate.code === "string" &&
    (UNAVAILABLE_PRISMA_CODES.has(candidate.code) || UNAVAILABLE_SQLSTATE.test(candidate.code))
  )
    return true;
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  if (adapterCause) {
    if (typeof adapterCause.kind === "string" && UNAVAILABLE_ADAPTER_KINDS.has(adapterCause.kind)) return true;
    if (typeof adapterCause.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(adapterCause.originalCode))
      return true;
  }
  if (typeof candidate.message === "string" && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
  return isDatabaseUnavailable(candidate.cause, depth + 1);
}
