// Where the database time goes while a phase runs: pg_stat_activity of the bench database,
// sampled every 20 ms, summed per state and wait event (e.g. "active", "idle in
// transaction", "Lock:advisory" = waiting for the audit chain's lock).
import pg from "pg";

export type ActivityProfile = { samples: number; meanBackends: Record<string, number> };

export function sampleActivity(databaseUrl: string, intervalMs = 20) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const totals = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    const database = new URL(databaseUrl).pathname.slice(1);
    while (running) {
      const { rows } = await client.query<{ bucket: string; n: number }>(
        `SELECT CASE WHEN wait_event_type IN ('Lock', 'LWLock', 'IO') THEN wait_event_type || ':' || wait_event
                     WHEN state = 'active' THEN 'active (running)' ELSE state END AS bucket, COUNT(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
          GROUP BY 1`,
        [database],
      );
      samples++;
      for (const row of rows) totals.set(row.bucket, (totals.get(row.bucket) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return async (): Promise<ActivityProfile> => {
    running = false;
    await loop.finally(() => client.end());
    const meanBackends = Object.fromEntries(
      [...totals]
        .sort((a, b) => b[1] - a[1])
        .map(([bucket, total]) => [bucket, Math.round((total / Math.max(1, samples)) * 100) / 100]),
    );
    return { samples, meanBackends };
  };
}
