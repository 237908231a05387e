// Starts Preflight for the benchmark the way production does — the real start script
// (build if needed, migrate, seed, `next start`) — on the bench database, and stops it,
// its `next start` child included, whatever happens.
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import path from "node:path";

export type BenchServer = { url: string; pid: number | undefined; output: () => string; stop: () => Promise<void> };

const READY_TIMEOUT_MS = 300_000;

/** The benchmark's own API rate limits (requests a minute per token and per address): far
 * above what its clients send, so nothing is refused, yet every request is still counted and
 * the figures include what counting costs. */
export const BENCH_RATE_LIMITS = { API_RATE_LIMIT: 100_000_000, GATE_RATE_LIMIT: 100_000_000 };

/** `onSpawned` receives `stop` at once, so an interrupt while the server builds or boots still stops it. */
/** `cpuProfile`: Next's own CPU profiler (what `next start --experimental-cpu-prof` turns on) writes
 * the server's profile into `.next-profiles/` when it exits. */
export async function startBenchServer(
  databaseUrl: string,
  port: number,
  onSpawned: (stop: () => Promise<void>) => void,
  cpuProfile = false,
): Promise<BenchServer> {
  const url = `http://127.0.0.1:${port}`;
  // The start script hands its environment on to `next start`: pass ours, minus the bootstrap admin.
  const { DEFAULT_ADMIN_EMAIL: _email, DEFAULT_ADMIN_PASSWORD: _password, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...inherited,
      APP_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      ATTESTATION_SIGNING_KEY: generateKeyPairSync("ed25519")
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
      APP_URL: url,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: path.resolve(".data", "bench"),
      LOG_LEVEL: inherited.LOG_LEVEL ?? "info",
      API_RATE_LIMIT: String(BENCH_RATE_LIMITS.API_RATE_LIMIT),
      GATE_RATE_LIMIT: String(BENCH_RATE_LIMITS.GATE_RATE_LIMIT),
      ...(cpuProfile ? { NEXT_CPU_PROF: "1" } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops `next start` if the script is stuck.
    detached: true,
  });
  let output = "";
  // Always drained (a full pipe would block the server); only the tail is kept for errors.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child.pid!, "SIGTERM");
    const timer = setTimeout(() => killGroup(child.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    // `next start` got the SIGTERM too and may still be shutting down (writing its CPU profile,
    // say): give it the same 10 s, then kill what is left of the group.
    const deadline = Date.now() + 10_000;
    while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    killGroup(child.pid!, "SIGKILL");
  };
  onSpawned(stop);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Preflight did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const onData = () => {
      if (!output.includes("Preflight is ready at")) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve();
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Preflight exited with ${code} before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, pid: child.pid, output: () => output, stop };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
