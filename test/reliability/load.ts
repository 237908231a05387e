// Many API clients ticking and reopening items of one deployment at once. Each client
// remembers what the server last told it about every item and writes against that version;
// every acknowledged write is recorded so the test can compare it with the database.
export type Ack = { itemId: string; version: number; status: string };
export type LoadResult = {
  acks: Ack[];
  conflicts: number;
  statuses: Map<number, number>;
  serverErrors: { status: number; body: string; elapsedMs: number; at: number }[];
  networkErrors: number;
  requests: number;
  /** Every request: when it started, how long it took, its status (0: no answer before the abort). */
  timeline: { at: number; elapsedMs: number; status: number }[];
};

type Known = { version: number; status: string };

export async function runItemLoad(options: {
  baseUrl: string;
  token: string;
  deploymentId: string;
  itemIds: string[];
  clients: number;
  durationMs: number;
  /** How long one request may take before the client gives up on it (a network error). */
  abortMs?: number;
  onResponse?: (status: number, body: string, elapsedMs: number) => void;
}): Promise<LoadResult> {
  const result: LoadResult = {
    acks: [],
    conflicts: 0,
    statuses: new Map(),
    serverErrors: [],
    networkErrors: 0,
    requests: 0,
    timeline: [],
  };
  const deadline = Date.now() + options.durationMs;

  async function client() {
    const known = new Map<string, Known>();
    while (Date.now() < deadline) {
      const itemId = options.itemIds[Math.floor(Math.random() * options.itemIds.length)]!;
      const current = known.get(itemId) ?? { version: 0, status: "OPEN" };
      const status = current.status === "DONE" ? "OPEN" : "DONE";
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}/api/v1/deployments/${options.deploymentId}/items/${itemId}`, {
          method: "PATCH",
          headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ version: current.version, status }),
          signal: AbortSignal.timeout(options.abortMs ?? 15_000),
        });
      } catch {
        result.networkErrors++;
        result.timeline.push({ at: started, elapsedMs: Date.now() - started, status: 0 });
        await pause(50);
        continue;
      }
      const body = await response.text();
      const elapsedMs = Date.now() - started;
      result.requests++;
      result.timeline.push({ at: started, elapsedMs, status: response.status });
      result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      options.onResponse?.(response.status, body, elapsedMs);
      if (response.status === 200) {
        const state = JSON.parse(body) as Known;
        result.acks.push({ itemId, version: state.version, status: state.status });
        known.set(itemId, { version: state.version, status: state.status });
      } else if (response.status === 409) {
        result.conflicts++;
        const latest = (JSON.parse(body) as { current?: Known }).current;
        if (latest) known.set(itemId, { version: latest.version, status: latest.status });
      } else if (response.status >= 500) {
        result.serverErrors.push({ status: response.status, body, elapsedMs, at: started });
        await pause(50);
      }
    }
  }

  await Promise.all(Array.from({ length: options.clients }, () => client()));
  return result;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Per item: the highest acknowledged version and its status, and how many writes were acknowledged. */
export function summariseAcks(acks: Ack[]): Map<string, { count: number; last: Ack }> {
  const byItem = new Map<string, { count: number; last: Ack }>();
  for (const ack of acks) {
    const entry = byItem.get(ack.itemId);
    if (!entry) byItem.set(ack.itemId, { count: 1, last: ack });
    else byItem.set(ack.itemId, { count: entry.count + 1, last: ack.version > entry.last.version ? ack : entry.last });
  }
  return byItem;
}
