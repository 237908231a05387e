// M5 (#18 point 6): a hung database must not hang every request. Every process of this
// test's own embedded PostgreSQL is stopped with SIGSTOP under API load: the server keeps its
// sockets open and answers nothing, so only the app's own deadlines end a request.
//
// Only this test's cluster is stopped: the postmaster named in its data folder's
// postmaster.pid and that postmaster's children, never the shared server on 127.0.0.1:5432.
//
// How long one request may take while the database is stopped (lib/db/client.ts, lib/env.ts).
// A request fails at its first query that cannot finish. A request that starts during the stop
// waits at most 5 s for a connection (connectionTimeoutMillis: a free pool slot or a new
// connection's handshake; a transaction's maxWait is the same 5 s) and then at most 10 s for
// the answer (query_timeout): 15 s. A request whose transaction began before the stop waits
// 10 s for its hung statement, then Prisma's ROLLBACK on that connection, queued behind the
// statement pg gave up on, waits its own 10 s: 20 s after the stop, plus what it had spent.
// The load gives every request ANSWER_WITHIN = 30 s before it aborts it, and the stop lasts
// longer than that, so a request without a deadline shows up as an abort, not a late answer.
// Measured: 14.6–14.8 s, and 19.9 s after the stop (22.5 s in all).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startAppServer, type AppServer } from "@/test/reliability/app-server";
import { createWriteToken } from "@/test/reliability/fixtures";
import { runItemLoad } from "@/test/reliability/load";
import { signInOverHttp } from "@/test/reliability/sign-in";

const ANSWER_WITHIN = 30_000;
const STOPPED_FOR = ANSWER_WITHIN + 4_000;

const password = randomBytes(12).toString("hex");
const dataDir = mkdtempSync(path.join(tmpdir(), "preflight-sigstop-"));
chmodSync(dataDir, 0o755);
let database: EmbeddedServer;
let app: AppServer;
let token: string;
let deploymentId: string;
let itemIds: string[];
let cookie: string;
let stopped: number[] = [];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process state letter of /proc/<pid>/stat ("T": stopped), or "" once it is gone. */
function stateOf(pid: number): string {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return "";
  const stat = readFileSync(file, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function postmasterPid(): number {
  return Number(readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** SIGSTOP the postmaster first (a stopped postmaster forks no new backend), then its
 * children until a pass finds no new one; returns every pid once each is seen stopped. */
async function stopCluster(): Promise<number[]> {
  const postmaster = postmasterPid();
  process.kill(postmaster, "SIGSTOP");
  const pids = new Set([postmaster]);
  for (;;) {
    const fresh = childrenOf(postmaster).filter((pid) => !pids.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      pids.add(pid);
      process.kill(pid, "SIGSTOP");
    }
  }
  const all = [...pids];
  const deadline = Date.now() + 5_000;
  while (all.some((pid) => !["T", ""].includes(stateOf(pid)))) {
    if (Date.now() > deadline) throw new Error(`not stopped: ${all.map((pid) => `${pid}=${stateOf(pid)}`).join(" ")}`);
    await pause(10);
  }
  return all;
}

function continueCluster(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGCONT");
    } catch {
      // gone
    }
  }
}

beforeAll(async () => {
  database = await startEmbeddedPostgres({ dataDir, password, persistent: true });
  await migrate(database.url);
  app = await startAppServer({ databaseUrl: database.url, port: 3460, dataDir: path.join(dataDir, "app") });
  const prisma = createPrismaClient(database.url, { max: 2 });
  try {
    const email = `sigstop-${randomBytes(4).toString("hex")}@example.test`;
    const engineer = await prisma.user.create({
      data: { email, name: "Sigstop Engineer", role: "ENGINEER", passwordHash: await hashPassword("sigstop-pass-1") },
    });
    token = await createWriteToken(prisma, engineer.id);
    const version = await prisma.templateVersion.findFirstOrThrow({
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    const created = await fetch(`${app.baseUrl}/api/v1/deployments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        service: "sigstop-svc",
        environment: "prod",
        version: "1.0.0",
        templateVersionId: version.id,
      }),
    });
    expect(created.status).toBe(201);
    deploymentId = ((await created.json()) as { id: string }).id;
    itemIds = (await prisma.itemState.findMany({ where: { deploymentId }, select: { itemId: true } })).map(
      (s) => s.itemId,
    );
    cookie = await signInOverHttp(app.baseUrl, email, "sigstop-pass-1");
  } finally {
    await prisma.$disconnect();
  }
}, 300_000);

afterAll(async () => {
  continueCluster(stopped);
  await app?.stop();
  await database?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a stopped (hung) database under load", () => {
  it("M5: with every process of its database stopped (SIGSTOP), every request answers 503 in time, none 500, and it recovers without a restart", async () => {
    // The first version of this test listed the children here, before the load, and stopped
    // that list: backends the load made the pool open later kept serving (an API 200 "during
    // the stop"). Reported below for comparison.
    const listedBeforeLoad = new Set(childrenOf(postmasterPid()));
    const load = runItemLoad({
      baseUrl: app.baseUrl,
      token,
      deploymentId,
      itemIds,
      clients: 20,
      durationMs: 2_000 + STOPPED_FOR + 3_000,
      abortMs: ANSWER_WITHIN,
    });
    await pause(2_000);
    stopped = await stopCluster();
    const stoppedAt = Date.now();
    const processes = stopped.length;
    const missedByEarlyList = stopped
      .slice(1)
      .filter((pid) => !listedBeforeLoad.has(pid))
      .map((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim());
    const timed = async (url: string, init?: RequestInit) => {
      const started = Date.now();
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN) });
      const body = await response.text();
      return { status: response.status, body, ms: Date.now() - started };
    };
    let health, api, page;
    let continuedAt = 0;
    try {
      health = await timed(`${app.baseUrl}/api/health`);
      api = await timed(`${app.baseUrl}/api/v1/deployments/${deploymentId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      page = await timed(`${app.baseUrl}/`, { headers: { Cookie: cookie } });
      await pause(Math.max(0, stoppedAt + STOPPED_FOR - Date.now()));
    } finally {
      continueCluster(stopped);
      continuedAt = Date.now();
      stopped = [];
    }
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - continuedAt < 20_000) {
      const probe = await fetch(`${app.baseUrl}/api/v1/deployments/${deploymentId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (probe.status === 200) recoveredAt = Date.now();
      else await pause(200);
    }
    const result = await load;

    // Requests that started once every process was seen stopped, and were answered while it
    // was: all 503. The others may be anything but a 500: one started before the stop was
    // answered before it took effect (200, 409) or at its deadline (503); one started during
    // the stop and still within its deadline at SIGCONT was served (200, 409).
    const during = result.timeline.filter((r) => r.at >= stoppedAt && r.at + r.elapsedMs < continuedAt);
    const before = result.timeline.filter((r) => r.at < stoppedAt);
    const straddling = result.timeline.filter((r) => r.at >= stoppedAt && r.at + r.elapsedMs >= continuedAt);
    const count = (rows: typeof during) =>
      JSON.stringify(
        rows.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {}),
      );
    const slowest = (rows: typeof during) => Math.max(0, ...rows.map((r) => r.elapsedMs));
    console.info(
      `sigstop: ${processes} processes stopped for ${continuedAt - stoppedAt} ms (${missedByEarlyList.length} of them not yet there before the load: ${JSON.stringify(missedByEarlyList)}); health ${health.status} in ${health.ms} ms, API ${api.status} in ${api.ms} ms, page ${page.status} in ${page.ms} ms; ` +
        `load: all ${count(result.timeline)}; started before the stop ${count(before)} (slowest ${slowest(before)} ms, the last answered ${Math.max(0, ...before.map((r) => r.at + r.elapsedMs - stoppedAt))} ms after the stop); ` +
        `started and answered during it ${count(during)} (slowest ${slowest(during)} ms); started during, answered after SIGCONT ${count(straddling)}; ` +
        `served again ${recoveredAt - continuedAt} ms after SIGCONT`,
    );

    expect(health.status).toBe(503);
    expect(health.ms, "health answers within HEALTH_TIMEOUT_MS (2 s) and a margin").toBeLessThan(6_000);
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body)).toMatchObject({ error: expect.stringMatching(/database/i) });
    expect(page.status).toBeLessThan(500);
    expect(page.body).toContain("Database unavailable");

    expect(result.statuses.get(500) ?? 0, "no request answers 500").toBe(0);
    expect(result.networkErrors, `no request goes unanswered for ${ANSWER_WITHIN} ms`).toBe(0);
    expect(during.length, "the stop was seen by the load").toBeGreaterThan(20);
    for (const request of during) expect(request.status).toBe(503);
    expect(slowest(result.timeline), "every request answers in time").toBeLessThan(ANSWER_WITHIN);
    expect(recoveredAt, "served again after SIGCONT without a restart").toBeGreaterThan(0);
    expect(recoveredAt - continuedAt).toBeLessThanOrEqual(5_000);
  }, 180_000);
});
