// Starts Preflight's production build with the real start script against a given database
// and port, for tests that need the whole app over HTTP (load, outages).
import { spawnPreflight } from "@/e2e/server";

/** The API rate limits the suite's server runs with (requests a minute per token and per
 * address): far above what the load sends, so nothing is refused, yet every request is still
 * counted, and an outage hits the counter's statement as it would in production. */
export const RELIABILITY_RATE_LIMITS = { API_RATE_LIMIT: 100_000_000, GATE_RATE_LIMIT: 100_000_000 };

export type AppServer = { baseUrl: string; output: () => string; stop: () => Promise<void> };

export async function startAppServer(options: {
  databaseUrl: string;
  port: number;
  dataDir: string;
}): Promise<AppServer> {
  const { API_RATE_LIMIT, GATE_RATE_LIMIT } = RELIABILITY_RATE_LIMITS;
  console.info(
    `app server: API_RATE_LIMIT=${API_RATE_LIMIT} GATE_RATE_LIMIT=${GATE_RATE_LIMIT} (a minute; counted, never reached)`,
  );
  const server = await spawnPreflight({
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    DATA_DIR: options.dataDir,
    APP_ENV: "local",
    LOG_LEVEL: "info",
    API_RATE_LIMIT: String(API_RATE_LIMIT),
    GATE_RATE_LIMIT: String(GATE_RATE_LIMIT),
  });
  return { baseUrl: `http://127.0.0.1:${options.port}`, output: server.output, stop: server.stop };
}
