// Preflight's web server: Next's request handler (the production build, proxy.ts and
// instrumentation.ts included) behind the project's own HTTP layer (scripts/lib/http-layer.mjs).
// Started by scripts/start.ts, which validates the settings and passes them as arguments:
//   node scripts/serve.mjs --port 3000 --hostname 127.0.0.1 --trusted-proxies 0
// Plain node, without the react-server condition the other scripts run with (decision 3).
import path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseCookies } from "cookie";
import next from "next";
import { getToken } from "next-auth/jwt";
import { createHttpLayer } from "./lib/http-layer.mjs";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    hostname: { type: "string", default: "127.0.0.1" },
    "trusted-proxies": { type: "string", default: "0" },
  },
});
const port = Number(values.port);
const hostname = values.hostname;
const trustedProxies = Number(values["trusted-proxies"]);

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/** A session cookie next-auth signed and that has not expired (the app checks the rest). next-auth
 * reads its secret, NEXTAUTH_SECRET, from the environment scripts/start.ts gave this process.
 * @param {import("node:http").IncomingMessage} req */
async function hasSession(req) {
  const cookies = parseCookies(req.headers.cookie ?? "");
  const secureCookie = Object.keys(cookies).some((name) => name.startsWith("__Secure-next-auth.session-token"));
  const token = await getToken({ req: { headers: req.headers, cookies }, secureCookie });
  return token !== null && typeof token.uid === "string";
}

const server = createHttpLayer({ handle, trustedProxies, hasSession });
server.listen(port, hostname, () => {
  // scripts/start.ts waits for this word, as it did for `next start`'s own line.
  console.log(`Ready on http://${hostname}:${port} (trusted proxies: ${trustedProxies})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  });
}
