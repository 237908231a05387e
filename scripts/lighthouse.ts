// npm run lighthouse — Lighthouse scores of the production build with realistic data.
// Starts Preflight the way a user does (the start script, embedded Postgres, its own fresh
// data folder, port 3200), seeds a few dozen deployments through the domain functions,
// signs in as the manager through next-auth's credentials endpoint, and runs Lighthouse
// (desktop and mobile presets) on the overview and one checklist in the system Chromium.
// Writes .data/lighthouse/report.json plus one HTML and JSON report per run; changes
// nothing else. Run it under the build lock: flock /tmp/preflight-next.lock npm run lighthouse
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse, { type Flags } from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { parseCredentials, type Credential } from "../e2e/server";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { runningEmbeddedPostgres } from "@/lib/db/embedded";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { updateItemState } from "@/lib/deployments/update-item-state";
import type { Role } from "@/lib/generated/prisma/enums";
import { REFERENCE_TEMPLATE_SLUG, demoEmail } from "@/lib/seed/seed";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { currentDigest } from "@/lib/signoff/locked-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";

const PORT = 3200;
const BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = path.resolve(".data", "lighthouse");
const CHROMIUM = "/usr/bin/chromium";
/** The whole run (build, start, seed, eight audits) is bounded; past this the server is killed. */
const DEADLINE_MS = 20 * 60_000;

type Preset = "desktop" | "mobile";
type Scores = { performance: number; accessibility: number; "best-practices": number };
type RunResult = { page: string; preset: Preset; url: string; scores: Scores; failing: string[] };

let server: ChildProcess | undefined;

async function main() {
  const deadline = setTimeout(
    () => void fail(new Error(`Lighthouse run exceeded ${DEADLINE_MS / 60_000} minutes`)),
    DEADLINE_MS,
  );
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });

  const output = await startServer();
  const credentials = parseCredentials(output);
  const manager = credentials.find((c) => c.role === "MANAGER");
  if (!manager) throw new Error(`No demo credentials were printed:\n${output}`);

  const databaseUrl = await runningEmbeddedPostgres(DATA_DIR, loadLocalSecrets(DATA_DIR).postgresPassword);
  if (!databaseUrl) throw new Error("The embedded database of the Lighthouse server is not reachable.");
  const prisma = createPrismaClient(databaseUrl, { max: 4 });
  let data: SeedSummary;
  try {
    console.error("seeding realistic data…");
    data = await seedRealisticData(prisma);
  } finally {
    await prisma.$disconnect();
  }

  const cookie = await signIn(manager);
  const pages = [
    { page: "overview", url: `${BASE_URL}/` },
    { page: "checklist", url: `${BASE_URL}/deployments/${data.checklistId}` },
  ];
  // One request each first, so no audit measures a cold server's first render.
  for (const target of pages) await fetch(target.url, { headers: { Cookie: cookie } }).then((r) => r.arrayBuffer());
  const results: RunResult[] = [];
  for (const preset of ["desktop", "mobile"] as const) {
    for (const target of pages) results.push(await auditWithRetry(target.page, target.url, preset, cookie));
  }

  printTable(results);
  writeFileSync(
    path.join(DATA_DIR, "report.json"),
    JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
        data,
        results,
      },
      null,
      2,
    ),
  );
  console.error(`reports in ${DATA_DIR}`);
  clearTimeout(deadline);
}

type SeedSummary = {
  deployments: number;
  itemUpdates: number;
  signedOff: number;
  inReview: number;
  checklistId: string;
};
type Actor = { id: string; role: Role };

const SERVICES = ["billing", "checkout", "identity", "search", "notifications", "ledger"];
const ENVIRONMENTS = ["staging", "production", "eu-production"];
const RELEASES = ["2.3.0", "2.4.0"];

/**
 * Deployments of the reference template across services and environments, each with a
 * different share of items settled (some done, a few not applicable, some notes), target
 * dates around today, one signed off and one waiting for review. Written through the same
 * domain functions the app uses, so the rows, audit trail and statuses are real ones.
 */
async function seedRealisticData(prisma: PrismaClient): Promise<SeedSummary> {
  // The domain functions use the app's lazy client (lib/db.ts); give it this database.
  (globalThis as { preflightDb?: PrismaClient }).preflightDb = prisma;
  const users = await prisma.user.findMany({
    where: { email: { in: (["MANAGER", "ENGINEER", "REVIEWER", "ADMIN"] as const).map(demoEmail) } },
    select: { id: true, role: true },
  });
  const actor = (role: Role): Actor => {
    const user = users.find((u) => u.role === role);
    if (!user) throw new Error(`No demo ${role} in the Lighthouse database.`);
    return user;
  };
  const version = await prisma.templateVersion.findFirstOrThrow({
    where: { template: { slug: REFERENCE_TEMPLATE_SLUG } },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  const owners = [actor("ENGINEER"), actor("REVIEWER"), actor("ADMIN")];

  const random = seededRandom(7);
  const summary: SeedSummary = { deployments: 0, itemUpdates: 0, signedOff: 0, inReview: 0, checklistId: "" };
  let index = 0;
  for (const service of SERVICES) {
    for (const environment of ENVIRONMENTS) {
      for (const release of RELEASES) {
        const owner = owners[index % owners.length]!;
        const targetDate = new Date(Date.now() + (index - 12) * 2 * 86_400_000).toISOString().slice(0, 10);
        const { id } = await createDeployment(actor("MANAGER"), {
          service,
          environment,
          version: release,
          targetDate,
          ownerId: owner.id,
          templateVersionId: version.id,
        });
        // The first ones finish their critical items (to sign off / review); the rest spread out.
        const share = index < 2 ? 1 : [0, 0.15, 0.35, 0.55, 0.8, 0.95][index % 6]!;
        summary.itemUpdates += await settleItems(prisma, owner, id, share, index < 2, random);
        if (index === 0 || index === 1) {
          await submitForReview(owner, { deploymentId: id });
          if (index === 0) {
            await approveDeployment(actor("REVIEWER").id === owner.id ? actor("ADMIN") : actor("REVIEWER"), {
              deploymentId: id,
              comment: "Evidence checked; go.",
              digest: await currentDigest(prisma, id),
            });
            summary.signedOff++;
          } else summary.inReview++;
        }
        if (index === 9) summary.checklistId = id;
        summary.deployments++;
        index++;
      }
    }
  }
  return summary;
}

/** Settles about `share` of the deployment's items (all critical ones when `allCritical`). */
async function settleItems(
  prisma: PrismaClient,
  owner: Actor,
  deploymentId: string,
  share: number,
  allCritical: boolean,
  random: () => number,
): Promise<number> {
  const states = await prisma.itemState.findMany({
    where: { deploymentId },
    select: { itemId: true, version: true, item: { select: { section: { select: { priority: true } } } } },
  });
  let updates = 0;
  for (const state of states) {
    const critical = state.item.section.priority === "CRITICAL";
    if (!(allCritical && critical) && random() >= share) continue;
    const notApplicable = random() < 0.08;
    await updateItemState(owner, {
      deploymentId,
      itemId: state.itemId,
      version: state.version,
      status: notApplicable ? "NOT_APPLICABLE" : "DONE",
      naReason: notApplicable ? "Handled by the platform team’s shared gateway." : undefined,
      note: random() < 0.15 ? "Checked in the staging run; see the linked dashboard." : undefined,
      evidenceLinks: random() < 0.1 ? ["https://dashboards.example.com/d/release-checks"] : undefined,
    });
    updates++;
  }
  return updates;
}

/** Same data on every run, so scores from different runs compare like with like. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function startServer(): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, PORT: String(PORT), APP_ENV: "local", LOG_LEVEL: "info" };
  // Always the embedded database: a fresh one, with demo users printed once.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Preflight did not start within 300 s:\n${output}`)), 300_000);
    child.stdout.on("data", () => {
      if (!output.includes("Preflight is ready at")) return;
      clearTimeout(timer);
      resolve(output);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Preflight exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // The start script stops the embedded database on SIGTERM; SIGKILL only if it hangs.
    const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** next-auth's credentials flow, as the sign-in form does it; returns the Cookie header. */
async function signIn(credential: Credential): Promise<string> {
  const csrfResponse = await fetch(`${BASE_URL}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  keep(csrfResponse);
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email: credential.email, password: credential.password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
    throw new Error(`Signing in as ${credential.email} failed (HTTP ${response.status}).`);
  }
  return cookieHeader();
}

/** Lighthouse's own trace recording fails now and then (NO_NAVSTART, NO_FCP); those runs are repeated in a fresh browser. */
const ATTEMPTS = 3;

class LighthouseRuntimeError extends Error {}

async function auditWithRetry(page: string, url: string, preset: Preset, cookie: string): Promise<RunResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(page, url, preset, cookie);
    } catch (error) {
      if (!(error instanceof LighthouseRuntimeError) || attempt === ATTEMPTS) throw error;
      console.error(`${error.message} (attempt ${attempt} of ${ATTEMPTS}; trying again)`);
    }
  }
}

async function audit(page: string, url: string, preset: Preset, cookie: string): Promise<RunResult> {
  console.error(`lighthouse: ${page} (${preset})…`);
  const chrome = await launch({
    chromePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps dialling Google's hosts, which
    // this machine's closed network refuses; they add noise to the trace.
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: ["json", "html"],
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      extraHeaders: { Cookie: cookie },
      maxWaitForLoad: 60_000,
    };
    // No config is Lighthouse's default: a mid-range phone on a throttled (simulated) 4G.
    const result = await lighthouse(url, flags, preset === "desktop" ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr, report } = result;
    if (lhr.runtimeError)
      throw new LighthouseRuntimeError(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
      throw new Error(`${url} redirected to ${lhr.finalDisplayedUrl}: the session cookie was not accepted.`);
    }
    const [json, html] = report as string[];
    writeFileSync(path.join(DATA_DIR, `${page}-${preset}.json`), json!);
    writeFileSync(path.join(DATA_DIR, `${page}-${preset}.html`), html!);
    const score = (id: keyof Scores) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const failing = Object.values(lhr.audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 0.9 &&
          (a.scoreDisplayMode === "binary" ||
            a.scoreDisplayMode === "numeric" ||
            a.scoreDisplayMode === "metricSavings"),
      )
      .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ""}`);
    return {
      page,
      preset,
      url,
      scores: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
      },
      failing,
    };
  } finally {
    chrome.kill();
  }
}

function printTable(results: RunResult[]) {
  const rows = results.map(
    (r) =>
      `| ${r.page.padEnd(9)} | ${r.preset.padEnd(7)} | ${String(r.scores.performance).padStart(11)} | ${String(r.scores.accessibility).padStart(13)} | ${String(r.scores["best-practices"]).padStart(14)} |`,
  );
  console.log(
    [
      "| page      | preset  | performance | accessibility | best-practices |",
      "|-----------|---------|-------------|---------------|----------------|",
      ...rows,
    ].join("\n"),
  );
  for (const r of results)
    if (r.failing.length) console.log(`${r.page} (${r.preset}) below 90: ${r.failing.join(", ")}`);
}

async function fail(error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  await stopServer();
  process.exit(1);
}

try {
  await main();
  await stopServer();
  process.exit(0);
} catch (error) {
  await fail(error);
}
