// (b) Item updates: `clients` concurrent callers, each owning its own deployments' items
// (so a 409 never happens by design and deployment row locks are not contended), through
// PATCH /api/v1/deployments/{id}/items/{itemId}; then the bare `UPDATE … RETURNING` through
// a pg Pool of the same size, for the same time.
import pg from "pg";
import type { createHttpClient } from "./http";
import { elapsedMs, round, summarize, type Summary } from "./stats";

export type WorkItem = { stateId: string; deploymentId: string; itemId: string; version: number; status: string };
export type ThroughputResult = {
  seconds: number;
  requests: number;
  perSecond: number;
  latency: Summary;
  errors: { conflict: number; clientError: number; serverError: number; network: number; total: number };
  firstErrors: string[];
};
type Http = ReturnType<typeof createHttpClient>;

/** Items of in-progress deployments, dealt out so each client owns whole deployments. */
export async function pickWorkItems(databaseUrl: string, clients: number, perClient: number): Promise<WorkItem[][]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<WorkItem & { rank: string }>(
      `SELECT st.id AS "stateId", st."deploymentId", st."itemId", st.version, st.status::text AS status,
              dense_rank() OVER (ORDER BY st."deploymentId") AS rank
         FROM "ItemState" st JOIN "Deployment" d ON d.id = st."deploymentId"
        WHERE d.status = 'IN_PROGRESS'
        ORDER BY st."deploymentId", st.id`,
    );
    const sets: WorkItem[][] = Array.from({ length: clients }, () => []);
    for (const { rank, ...row } of rows) {
      const set = sets[Number(rank) % clients]!;
      if (set.length < perClient) set.push(row);
    }
    if (sets.some((set) => set.length === 0))
      throw new Error(`Not enough in-progress deployments for ${clients} clients; seed more deployments.`);
    return sets;
  } finally {
    await client.end();
  }
}

/** DONE ↔ OPEN, and now and then N/A with a reason — the mix a team produces. */
function nextChange(item: WorkItem, turn: number): { status: string; naReason?: string } {
  if (item.status !== "OPEN") return { status: "OPEN" };
  return turn % 10 === 0
    ? { status: "NOT_APPLICABLE", naReason: "Not used by this service (bench)." }
    : { status: "DONE" };
}

type Outcome = { ok: true; version: number } | { ok: false; kind: keyof ThroughputResult["errors"]; message: string };

async function runClients(
  clients: WorkItem[][],
  seconds: number,
  update: (item: WorkItem, change: { status: string; naReason?: string }, client: number) => Promise<Outcome>,
): Promise<ThroughputResult> {
  const latencies: number[] = [];
  const errors = { conflict: 0, clientError: 0, serverError: 0, network: 0, total: 0 };
  const firstErrors: string[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (items, client) => {
      for (let turn = 0; Date.now() < deadline; turn++) {
        const item = items[turn % items.length]!;
        const change = nextChange(item, turn);
        const start = process.hrtime.bigint();
        const outcome = await update(item, change, client);
        latencies.push(elapsedMs(start));
        if (outcome.ok) {
          item.version = outcome.version;
          item.status = change.status;
        } else {
          errors[outcome.kind]++;
          errors.total++;
          if (firstErrors.length < 5) firstErrors.push(outcome.message);
        }
      }
    }),
  );
  const elapsed = elapsedMs(started) / 1000;
  return {
    seconds: round(elapsed),
    requests: latencies.length,
    perSecond: round(latencies.length / elapsed, 1),
    latency: summarize(latencies),
    errors,
    firstErrors,
  };
}

export async function measureApiUpdates(
  http: Http,
  tokens: string[],
  clients: WorkItem[][],
  seconds: number,
): Promise<ThroughputResult> {
  return runClients(clients, seconds, async (item, change, client) => {
    try {
      const token = tokens[client % tokens.length]!;
      const response = await http.request(
        "PATCH",
        `/api/v1/deployments/${item.deploymentId}/items/${item.itemId}`,
        token,
        { version: item.version, ...change },
      );
      if (response.status === 200)
        return { ok: true, version: (JSON.parse(response.body) as { version: number }).version };
      const kind = response.status === 409 ? "conflict" : response.status >= 500 ? "serverError" : "clientError";
      // A 409 carries the current state: continue from it rather than failing every later turn.
      if (response.status === 409)
        item.version =
          (JSON.parse(response.body) as { current?: { version?: number } }).current?.version ?? item.version;
      return { ok: false, kind, message: `${response.status} ${response.body.slice(0, 200)}` };
    } catch (error) {
      return { ok: false, kind: "network", message: (error as Error).message };
    }
  });
}

export async function measureRawUpdates(
  databaseUrl: string,
  clients: WorkItem[][],
  seconds: number,
): Promise<ThroughputResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients.length });
  try {
    // Versions moved during the API run: start from what the database holds now.
    const { rows } = await pool.query<{ id: string; version: number; status: string }>(
      `SELECT id, version, status::text FROM "ItemState" WHERE id = ANY($1)`,
      [clients.flat().map((item) => item.stateId)],
    );
    const current = new Map(rows.map((row) => [row.id, row]));
    for (const item of clients.flat())
      Object.assign(item, { version: current.get(item.stateId)!.version, status: current.get(item.stateId)!.status });
    await Promise.all(Array.from({ length: clients.length }, () => pool.query("SELECT 1")));
    return await runClients(clients, seconds, async (item, change) => {
      try {
        const result = await pool.query<{ version: number }>(
          `UPDATE "ItemState" SET status = $3::"ItemStatus", "naReason" = $4, version = version + 1, "updatedAt" = now() WHERE id = $1 AND version = $2 RETURNING version`,
          [item.stateId, item.version, change.status, change.naReason ?? null],
        );
        const row = result.rows[0];
        return row
          ? { ok: true, version: row.version }
          : { ok: false, kind: "conflict", message: `stale version for ${item.stateId}` };
      } catch (error) {
        return { ok: false, kind: "network", message: (error as Error).message };
      }
    });
  } finally {
    await pool.end();
  }
}
