// Diagnostic: the audit chain's serialised append (one INSERT through audit_chain_link, which
// takes the lock and reads the head, then commit) sent straight through `pg` at the same
// concurrency — how fast the database alone can take chained audit events when no app
// process sits between the round trips.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { auditEventHashPrefix } from "@/lib/audit/canonical";
import { elapsedMs, round, summarize, type Summary } from "./stats";

export type AppendResult = { seconds: number; appends: number; perSecond: number; latency: Summary };

const INSERT_SQL = `INSERT INTO "AuditEvent" ("actorLabel", action, "entityType", "entityId", "after", "createdAt", "prevHash", hash)
                    SELECT 'bench', 'bench.append', 'Bench', $1, '{}'::jsonb, ($2::timestamptz AT TIME ZONE 'UTC')::timestamp(3), link."prevHash", link.hash
                      FROM audit_chain_link($3) AS link`;

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
            const entityId = randomBytes(6).toString("hex");
            const createdAt = new Date();
            const prefix = auditEventHashPrefix({
              createdAt,
              actorId: null,
              actorLabel: "bench",
              action: "bench.append",
              entityType: "Bench",
              entityId,
              before: null,
              after: {},
            });
            await client.query(INSERT_SQL, [entityId, createdAt.toISOString(), prefix]);
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
  return {
    seconds: round(elapsed),
    appends: latencies.length,
    perSecond: round(latencies.length / elapsed, 1),
    latency: summarize(latencies),
  };
}
