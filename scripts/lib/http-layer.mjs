// The HTTP layer Preflight owns in front of Next's request handler (scripts/serve.mjs):
// what a request says about where it came from is decided here, from the socket, before
// any app code reads a header; a body larger than the cap is refused while it streams; and
// a server action or API write from nobody signed in is refused before its body is read.
// That last check is here and not only in proxy.ts because Next waits for (and buffers) the
// whole body before it answers with the proxy's response.
// Plain JavaScript: the server process runs without tsx (decision 3).
import http from "node:http";

/** Headers only a proxy may set; from anyone else they are dropped. */
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** API bodies (proxy.ts refuses a larger declared Content-Length too). */
export const MAX_API_BODY_BYTES = 1_048_576;
/** Everything else, server actions included: next.config.js's serverActions.bodySizeLimit (3mb). */
export const MAX_BODY_BYTES = 3 * 1_048_576;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** lib/api-tokens/secret.ts's TOKEN_PATTERN, after `Bearer `: its shape only; the handler checks the token. */
const BEARER_TOKEN = /^Bearer[ ]+pf_[A-Za-z0-9_-]{43}\s*$/i;

/**
 * Rewrites the forwarding headers of `headers` in place. With no trusted proxy the client's
 * X-Forwarded-For is replaced by the socket address and every other forwarding header is
 * dropped. With `trustedProxies` = N, the request passed N proxies of ours, the nearest of
 * which is the socket: the client is the address N entries from the right of X-Forwarded-For
 * (entries further left are whatever the client sent), and the nearest proxy's
 * X-Forwarded-Host/-Proto (the last entry of each) are kept. A request with fewer entries did
 * not come through those proxies: it gets the socket address and loses the other headers.
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {string | undefined} socketAddress
 * @param {number} trustedProxies
 */
export function sanitiseForwarding(headers, socketAddress, trustedProxies) {
  const chain = String(headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const viaProxies = trustedProxies > 0 && chain.length >= trustedProxies;
  const client = viaProxies ? chain[chain.length - trustedProxies] : socketAddress;
  if (viaProxies) {
    for (const name of ["x-forwarded-host", "x-forwarded-proto"]) {
      const value = headers[name];
      if (typeof value === "string") headers[name] = value.split(",").at(-1)?.trim();
    }
  } else {
    for (const name of PROXY_HEADERS) delete headers[name];
  }
  if (client) headers["x-forwarded-for"] = client;
  else delete headers["x-forwarded-for"];
}

/** @param {string | undefined} url */
export function bodyCapFor(url) {
  return url?.startsWith("/api/") ? MAX_API_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * Whether a request may only be made by someone signed in, which this layer checks before
 * its body is read: a server action (POST with a Next-Action header), or an /api/v1 write
 * without a bearer token of the right shape.
 * @param {import("node:http").IncomingMessage} req
 */
export function needsSession(req) {
  if (req.method === "POST" && req.headers["next-action"] !== undefined) return true;
  if (!req.url?.startsWith("/api/v1/") || !WRITE_METHODS.has(req.method ?? "")) return false;
  return !BEARER_TOKEN.test(req.headers.authorization ?? "");
}

/**
 * An http.Server that sanitises each request (sanitiseForwarding) and caps its body before
 * handing it to `handle`: a declared Content-Length over the cap is answered 413 at once; a
 * chunked body is counted as it streams and answered 413 (the connection then closed) the
 * moment it passes the cap. A request that needsSession() without `hasSession` is answered
 * 401 before its body is read.
 * @typedef {import("node:http").IncomingMessage} Request
 * @param {{ handle: (req: Request, res: import("node:http").ServerResponse) => unknown, trustedProxies: number, hasSession: (req: Request) => Promise<boolean> }} options
 */
export function createHttpLayer({ handle, trustedProxies, hasSession }) {
  return http.createServer(async (req, res) => {
    sanitiseForwarding(req.headers, req.socket.remoteAddress, trustedProxies);
    // An answer sent before the body arrived (401, 413 from proxy.ts or here): close the
    // connection rather than keep reading the rest of a body nobody wants.
    res.on("finish", () => {
      if (!req.complete) closeSoon(req);
    });
    res.on("error", () => {});
    const cap = bodyCapFor(req.url);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > cap) return refuseTooLarge(req, res, cap);
    if (req.headers["transfer-encoding"] !== undefined) countBody(req, res, cap);
    try {
      if (needsSession(req) && !(await hasSession(req))) return refuseAnonymous(req, res);
      await handle(req, res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    }
  });
}

/** @param {Request} req @param {import("node:http").ServerResponse} res */
function refuseAnonymous(req, res) {
  const error = req.url?.startsWith("/api/")
    ? req.headers.authorization === undefined
      ? "Sign in, or send an API token as `Authorization: Bearer <token>`."
      : "Send the token as `Authorization: Bearer <token>`."
    : "Your session has ended; sign in again.";
  res.writeHead(401, { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close" });
  res.end(JSON.stringify({ error }));
  closeSoon(req);
}

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {number} cap */
function countBody(req, res, cap) {
  let received = 0;
  let over = false;
  const push = req.push.bind(req);
  // The HTTP parser hands each body chunk to push(): counting there sees every byte as it
  // arrives, whoever reads the stream and however late.
  req.push = (chunk, encoding) => {
    if (chunk !== null) {
      received += chunk.length;
      if (received > cap) {
        if (over) return false;
        over = true;
        if (res.headersSent) {
          req.destroy();
          return false;
        }
        refuseTooLarge(req, res, cap);
        // The handler still holds this response and waits for a body that will not come:
        // what it writes from now on goes nowhere.
        res.writeHead = () => res;
        res.write = () => true;
        res.end = () => res;
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

/** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {number} cap */
function refuseTooLarge(req, res, cap) {
  res.writeHead(413, { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close" });
  res.end(JSON.stringify({ error: `The request body is larger than ${cap} bytes.` }));
  closeSoon(req);
}

/** Give the answer a moment to reach the client, then drop the connection. @param {import("node:http").IncomingMessage} req */
function closeSoon(req) {
  req.socket.setTimeout(1000, () => req.socket.destroy());
  req.socket.end();
}
