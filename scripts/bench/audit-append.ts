// Diagnostic: the audit chain's serialised append (lock, read the head, insert, commit) sent
// straight through `pg` at the same concurrency — how fast the database alone can take
// chained audit events when no app process sits between the round trips.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { AUDIT_CHAIN_LOCK } from "@/lib/audit/chain";
import { elapsedMs, round, summarize, type Summary } from "./stats";

export type AppendResult = { seconds: number; appends: number; perSecond: number; latency: Summary };

const HEAD_SQL = `SELECT "hash" FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1`;
const INSERT_SQL = `INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", "entityId", "after", "prevHash", hash)
                    VALUES ('bench', 'bench.append', 'Bench', $1, '{}'::jsonb, $2, $3)`;

export async function measureAuditAppend(databaseUrl: string, clients: number, seconds: number): Promise<AppendResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < deadline) {
            const start = process.hrtime.bigint();
            await client.query("BEGIN");
            await client.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK.toString()]);
            const prev = (await client.query<{ hash: string | null }>(HEAD_SQL)).rows[0]?.hash ?? "0".repeat(64);
            // Not the app's canonical hash (the bench database is dropped); the same work shape.
            const hash = createHash("sha256").update(prev).update(randomBytes(16)).digest("hex");
            await client.query(INSERT_SQL, [randomBytes(6).toString("hex"), prev, hash]);
            await client.query("COMMIT");
            latencies.push(elapsedMs(start));
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  const elapsed = elapsedMs(started) / 1000;
  return { seconds: round(elapsed), appends: latencies.length, perSecond: round(latencies.length / elapsed, 1), latency: summarize(latencies) };
}
