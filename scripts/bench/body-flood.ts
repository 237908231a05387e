// L4 (#18 point 7): what unauthenticated server-action bodies cost everyone else. Health
// latency idle, then while six clients keep sending 2.8 MB bodies with a Next-Action header
// and no session. The HTTP layer answers them 401 before reading the body, so health should
// barely move; each flood request's status is counted to show that.
import http from "node:http";
import { round, summarize, type Summary } from "./stats";

const BODY = Buffer.alloc(2_800_000, "a");
const FLOOD_CLIENTS = 6;

function get(base: URL, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get({ host: base.hostname, port: base.port, path, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(performance.now() - started));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on("error", reject);
  });
}

/** One unauthenticated 2.8 MB action POST; resolves with its status (0: the server closed
 * the connection mid-body, which is how a refusal can arrive while the body is still sent). */
function floodOnce(base: URL): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: "POST",
        path: "/",
        headers: { "next-action": "0".repeat(40), "content-type": "text/plain", "content-length": BODY.length },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.on("error", () => resolve(0));
    req.on("timeout", () => req.destroy());
    req.end(BODY);
  });
}

async function healthSamples(base: URL, count: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await get(base, "/api/health"));
  return summarize(samples);
}

export async function measureBodyFlood(baseUrl: string, requests: number) {
  const base = new URL(baseUrl);
  await healthSamples(base, 5);
  const idle = await healthSamples(base, requests);

  let running = true;
  const statuses = new Map<number, number>();
  const flooders = Array.from({ length: FLOOD_CLIENTS }, async () => {
    while (running) {
      const status = await floodOnce(base);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  });
  // Let the flood reach its steady state before sampling.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const underFlood = await healthSamples(base, requests);
  running = false;
  await Promise.all(flooders);

  return {
    floodClients: FLOOD_CLIENTS,
    bodyBytes: BODY.length,
    healthIdle: idle,
    healthUnderFlood: underFlood,
    ratioP50: round(underFlood.p50 / idle.p50),
    floodStatuses: Object.fromEntries(statuses),
  };
}
