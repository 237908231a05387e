// Starts Preflight's production build with the real start script against a given database
// and port, for tests that need the whole app over HTTP (load, outages).
import { spawn } from "node:child_process";

export type AppServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

export async function startAppServer(options: { databaseUrl: string; port: number; dataDir: string }): Promise<AppServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(options.port), DATA_DIR: options.dataDir, APP_ENV: "local", LOG_LEVEL: "info" };
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

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
    child.once("exit", (code) => {
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
  return { baseUrl: `http://127.0.0.1:${options.port}`, output: () => output, stop };
}
