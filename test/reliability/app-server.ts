// Starts Preflight's production build with the real start script against a given database
// and port, for tests that need the whole app over HTTP (load, outages).
import { spawnPreflight } from "@/e2e/server";

export type AppServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

export async function startAppServer(options: {
  databaseUrl: string;
  port: number;
  dataDir: string;
}): Promise<AppServer> {
  const server = await spawnPreflight({
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    APP_ENV: "local",
    LOG_LEVEL: "info",
  });
  return { baseUrl: `http://127.0.0.1:${options.port}`, output: server.output, stop: server.stop };
}
