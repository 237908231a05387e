// npm run bench — seeds a fresh database on the server named by DATABASE_URL with N
// deployments of the seed template, serves Preflight's production build on it and
// measures (a) the overview and (b) concurrent item updates, each against raw SQL.
// Prints a table and writes bench-results/bench-<timestamp>.json. docs/performance.md.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { env, EnvError } from "@/lib/env";
import { createBenchDatabase, insertApiToken, seedBenchData, type BenchDatabase } from "./bench/dataset";
import { createHttpClient } from "./bench/http";
import { sampleActivity } from "./bench/activity";
import { measureAuditAppend } from "./bench/audit-append";
import { measureBodyFlood } from "./bench/body-flood";
import { measureCpu } from "./bench/cpu";
import { measureOverview } from "./bench/overview";
import { BENCH_RATE_LIMITS, startBenchServer } from "./bench/server";
import { round } from "./bench/stats";
import { measureApiUpdates, measureRawUpdates, pickWorkItems } from "./bench/updates";

const PORT = 3300;
const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    clients: { type: "string", default: "32" },
    deployments: { type: "string", default: "1000" },
    requests: { type: "string", default: "50" },
    keep: { type: "boolean", default: false },
    "cpu-profile": { type: "boolean", default: false },
  },
});

function positive(name: string, value: string, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min)
    exitWith(`--${name} must be a whole number of at least ${min} (got "${value}").`);
  return number;
}

function exitWith(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function serverUrl(): string {
  try {
    const url = env().DATABASE_URL;
    if (url) return url;
  } catch (error) {
    if (error instanceof EnvError) exitWith(error.message);
    throw error;
  }
  exitWith(
    "npm run bench needs DATABASE_URL (a PostgreSQL server it may create a database on), e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench",
  );
}

const options = {
  seconds: positive("duration", args.duration, 1),
  clients: positive("clients", args.clients, 1),
  deployments: positive("deployments", args.deployments, 10),
  requests: positive("requests", args.requests, 1),
};
const server = serverUrl();
const log = (line: string) => console.error(`[bench] ${line}`);

let database: BenchDatabase | undefined;
let stopServer: (() => Promise<void>) | undefined;
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await stopServer?.().catch((error: unknown) => log(`stopping the server failed: ${(error as Error).message}`));
    if (database && !args.keep)
      await database
        .drop()
        .catch((error: unknown) => log(`dropping ${database!.name} failed: ${(error as Error).message}`));
    else if (database) log(`kept ${database.name} (--keep)`);
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await run();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function run() {
  const startedAt = new Date();
  // Other work on the machine skews every figure; the load averages say how much there was.
  const loadBefore = os.loadavg().map((value) => round(value));
  database = await createBenchDatabase(server);
  log(`database ${database.name}: seeding ${options.deployments} deployments…`);
  const seedStart = Date.now();
  const dataset = await seedBenchData(database.url, options.deployments);
  log(
    `seeded ${dataset.deployments} deployments, ${dataset.itemStates} item states in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const managerToken = await insertApiToken(database.url, "bench-user-3", ["READ"]);
  // One token per reviewer and engineer (users 6–20), shared round-robin by the clients.
  const writerTokens = await Promise.all(
    Array.from({ length: 15 }, (_, i) => insertApiToken(database!.url, `bench-user-${6 + i}`, ["READ", "WRITE"])),
  );
  const work = await pickWorkItems(database.url, options.clients, 101);

  log("starting the production server (builds first if sources changed)…");
  const app = await startBenchServer(database.url, PORT, (stop) => (stopServer = stop), args["cpu-profile"]);
  if (args["cpu-profile"]) log("the server writes its CPU profile into .next-profiles/ when it stops");
  const http = createHttpClient(app.url, options.clients);
  try {
    log(`(a) overview: ${options.requests} requests after 5 warm-up, then raw SQL`);
    const overview = await measureOverview(http, database.url, managerToken.secret, {
      requests: options.requests,
      warmUp: 5,
    });
    log(`(b) updates: warm-up 3 s, then ${options.clients} clients for ${options.seconds} s through the API`);
    const tokens = writerTokens.map((token) => token.secret);
    await measureApiUpdates(http, tokens, work, 3);
    // One caller alone: what a request costs when nothing waits for a lock or a CPU.
    const singleClient = await measureApiUpdates(http, tokens, work.slice(0, 1), 5);
    const stopSampling = sampleActivity(database.url);
    const stopCpu = measureCpu(app.pid);
    const apiUpdates = await measureApiUpdates(http, tokens, work, options.seconds);
    const cpu = stopCpu();
    const databaseActivity = await stopSampling();
    log(`(b) updates: ${options.clients} connections for ${options.seconds} s of raw UPDATE … RETURNING`);
    const rawUpdates = await measureRawUpdates(database.url, work, options.seconds);
    log(`diagnostic: ${options.clients} connections appending to the audit chain for 5 s`);
    const auditAppend = await measureAuditAppend(database.url, options.clients, 5);
    log("(c) /api/health idle, then while 6 clients send 2.8 MB unauthenticated action bodies");
    const bodyFlood = await measureBodyFlood(app.url, options.requests);
    const updates = {
      api: apiUpdates,
      rawSql: rawUpdates,
      ratioPerSecond: round(rawUpdates.perSecond / apiUpdates.perSecond),
      ratioP95: round(apiUpdates.latency.p95 / rawUpdates.latency.p95),
      singleClient,
      auditAppend,
      databaseActivity,
      cpu,
      serverCpuMsPerRequest: round((cpu.serverCpuSeconds * 1000) / Math.max(1, apiUpdates.requests)),
    };

    const machine = {
      ...(await machineInfo(database.url)),
      loadAverage1m5m15m: { before: loadBefore, after: os.loadavg().map((value) => round(value)) },
    };
    const result = {
      startedAt: startedAt.toISOString(),
      options,
      rateLimits: BENCH_RATE_LIMITS,
      machine,
      dataset,
      overview,
      updates,
      bodyFlood,
      targets: targetsMet(overview, updates),
    };
    printTable(result);
    const file = path.resolve("bench-results", `bench-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    http.close();
  }
}

type Overview = Awaited<ReturnType<typeof measureOverview>>;
type Throughput = Awaited<ReturnType<typeof measureApiUpdates>>;
type Updates = {
  api: Throughput;
  rawSql: Throughput;
  ratioPerSecond: number;
  ratioP95: number;
  singleClient: Throughput;
  auditAppend: Awaited<ReturnType<typeof measureAuditAppend>>;
  databaseActivity: Awaited<ReturnType<ReturnType<typeof sampleActivity>>>;
  cpu: ReturnType<ReturnType<typeof measureCpu>>;
  serverCpuMsPerRequest: number;
};

function targetsMet(overview: Overview, updates: Updates) {
  return {
    "overview p95 ≤ 150 ms": overview.api.p95 <= 150,
    "overview p95 ≤ 3× raw SQL p95": overview.ratioP95 <= 3,
    "updates ≥ 300 req/s": updates.api.perSecond >= 300,
    "updates p95 ≤ 50 ms": updates.api.latency.p95 <= 50,
    "updates: zero errors": updates.api.errors.total === 0,
  };
}

async function machineInfo(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      postgres: rows[0]?.server_version ?? "unknown",
      platform: `${os.platform()} ${os.release()}`,
    };
  } finally {
    await client.end();
  }
}

function printTable(result: {
  rateLimits: typeof BENCH_RATE_LIMITS;
  machine: Awaited<ReturnType<typeof machineInfo>> & { loadAverage1m5m15m: { before: number[]; after: number[] } };
  dataset: object;
  overview: Overview;
  updates: Updates;
  bodyFlood: Awaited<ReturnType<typeof measureBodyFlood>>;
  targets: Record<string, boolean>;
}) {
  const { overview, updates, bodyFlood } = result;
  const ms = (value: number) => value.toFixed(1);
  console.log(
    `\nPreflight benchmark — ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}, PostgreSQL ${result.machine.postgres}`,
  );
  console.log(
    `load average (1/5/15 min) before ${result.machine.loadAverage1m5m15m.before.join(" ")}, after ${result.machine.loadAverage1m5m15m.after.join(" ")}`,
  );
  console.log(
    `API rate limits (a minute, per token and per address; counted, never reached): API_RATE_LIMIT=${result.rateLimits.API_RATE_LIMIT}, GATE_RATE_LIMIT=${result.rateLimits.GATE_RATE_LIMIT}`,
  );
  console.log(`data: ${JSON.stringify(result.dataset)}\n`);
  console.table([
    {
      measure: "overview GET /api/v1/overview",
      "req/s": "",
      p50: ms(overview.api.p50),
      p95: ms(overview.api.p95),
      p99: ms(overview.api.p99),
      mean: ms(overview.api.mean),
      errors: 0,
      n: overview.api.count,
    },
    {
      measure: "overview raw SQL (one statement)",
      "req/s": "",
      p50: ms(overview.rawSql.p50),
      p95: ms(overview.rawSql.p95),
      p99: ms(overview.rawSql.p99),
      mean: ms(overview.rawSql.mean),
      errors: 0,
      n: overview.rawSql.count,
    },
    ...(["api", "rawSql", "singleClient"] as const).map((kind) => ({
      measure: {
        api: `updates PATCH API, ${options.clients} clients`,
        rawSql: `updates raw UPDATE … RETURNING, ${options.clients} conns`,
        singleClient: "updates PATCH API, 1 client",
      }[kind],
      "req/s": updates[kind].perSecond,
      p50: ms(updates[kind].latency.p50),
      p95: ms(updates[kind].latency.p95),
      p99: ms(updates[kind].latency.p99),
      mean: ms(updates[kind].latency.mean),
      errors: updates[kind].errors.total,
      n: updates[kind].requests,
    })),
    {
      measure: `audit chain append via pg, ${options.clients} conns`,
      "req/s": updates.auditAppend.perSecond,
      p50: ms(updates.auditAppend.latency.p50),
      p95: ms(updates.auditAppend.latency.p95),
      p99: ms(updates.auditAppend.latency.p99),
      mean: ms(updates.auditAppend.latency.mean),
      errors: 0,
      n: updates.auditAppend.appends,
    },
  ]);
  console.log(
    `overview API/raw: p50 ×${overview.ratioP50}, p95 ×${overview.ratioP95}; updates raw/API throughput ×${updates.ratioPerSecond}, API/raw p95 ×${updates.ratioP95}`,
  );
  console.log(
    `during the API updates: machine CPU ${updates.cpu.machineBusyPercent} % busy, server ${updates.cpu.serverCpuSeconds} CPU s (${updates.serverCpuMsPerRequest} ms per request); database backends (mean): ${JSON.stringify(updates.databaseActivity.meanBackends)}`,
  );
  console.log(
    `health while ${bodyFlood.floodClients} clients send ${(bodyFlood.bodyBytes / 1e6).toFixed(1)} MB unauthenticated action bodies: p50 ${ms(bodyFlood.healthUnderFlood.p50)} ms vs ${ms(bodyFlood.healthIdle.p50)} ms idle (×${bodyFlood.ratioP50}); flood answers ${JSON.stringify(bodyFlood.floodStatuses)}`,
  );
  if (updates.api.errors.total)
    console.log(`update errors: ${JSON.stringify(updates.api.errors)}; first: ${updates.api.firstErrors.join(" | ")}`);
  for (const [target, met] of Object.entries(result.targets)) console.log(`${met ? "met   " : "MISSED"}  ${target}`);
}
