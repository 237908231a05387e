// Starts Preflight the way a user does (the start script, embedded Postgres, a fresh data
// folder) and reads what it prints: the demo credentials and the ready line.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// E2E_PORT moves the suite off 3100, so two checkouts can run their specs side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve(".data", "e2e");
export const E2E_STATE_FILE = path.join(E2E_DATA_DIR, "e2e-state.json");

/** The one foreign origin the e2e server lets call its API (e2e/request-hygiene.spec.ts). */
export const E2E_CORS_ORIGIN = "https://ci.example.com";

export type Credential = { role: string; email: string; password: string };
export type RunningServer = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

/** `extraEnv`: settings for this run on top of the defaults (e.g. the SSO provider's OIDC_*). */
export async function startPreflight(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: E2E_DATA_DIR,
    PORT: String(E2E_PORT),
    APP_ENV: "local",
    LOG_LEVEL: "info",
    CORS_ORIGINS: E2E_CORS_ORIGIN,
    ...extraEnv,
  };
  // Always the embedded database: the suite relies on a fresh one with printed demo users.
  delete env.DATABASE_URL;
  return spawnPreflight(env);
}

/** Runs the start script with `env` (LOG_LEVEL info or lower: it waits for the ready line). */
export async function spawnPreflight(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`Preflight did not start within 240 s:\n${output}`));
    }, 240_000);
    child.stdout.on("data", () => {
      if (output.includes("Preflight is ready at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Preflight exited with ${code} before it was ready:\n${output}`));
    });
  });

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { process: child, output: () => output, stop };
}

export function parseCredentials(output: string): Credential[] {
  const pattern = /^\s+(ADMIN|MANAGER|REVIEWER|ENGINEER|VIEWER)\s+(\S+@\S+)\s+(\S+)\s*$/gm;
  return [...output.matchAll(pattern)].map(([, role, email, password]) => ({
    role: role!,
    email: email!,
    password: password!,
  }));
}
