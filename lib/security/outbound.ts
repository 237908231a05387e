// Requests Preflight makes to addresses an admin typed (webhooks now, probes later) stay on the
// public internet: a receiver on loopback, a private network, link-local (cloud metadata),
// unique-local, CGNAT, multicast or an unspecified/reserved address is refused, unless
// ALLOW_PRIVATE_OUTBOUND=true (receivers on your own network). Checked twice: at registration
// (checkOutboundUrl, for a clear 400) and when the socket connects (postOutbound's lookup), so a
// host whose DNS answer changes after registration (rebinding) is refused too. What callers show
// is a fixed phrase (describeOutboundFailure), never bytes the peer sent.
import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { env } from "@/lib/env";

export type ResolvedAddress = { address: string; family: number };
/** Every address a host name resolves to (tests inject one to play a rebinding DNS server). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type OutboundOptions = {
  /** Default: ALLOW_PRIVATE_OUTBOUND. */
  allowPrivate?: boolean;
  /** Default: the system resolver (dns.lookup, every address). */
  resolve?: Resolver;
};

/** The stored and shown text of a refused connection: no address, no detail for a scanner. */
export const REFUSED_PRIVATE = "refused: private address";

// IANA's special-purpose registries, as the kinds an admin is told about. net.BlockList
// matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the IPv4 rules itself; the other IPv6
// forms that embed an IPv4 address (IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4
// 2002::/16) get each IPv4 rule again below.
const IPV4_RANGES: [kind: string, network: string, prefix: number][] = [
  ["an unspecified", "0.0.0.0", 8],
  ["a private", "10.0.0.0", 8],
  ["a carrier-grade NAT (100.64.0.0/10)", "100.64.0.0", 10],
  ["a loopback", "127.0.0.0", 8],
  ["a link-local", "169.254.0.0", 16],
  ["a private", "172.16.0.0", 12],
  ["a reserved", "192.0.0.0", 24],
  ["a documentation", "192.0.2.0", 24],
  ["a private", "192.168.0.0", 16],
  ["a reserved (benchmarking)", "198.18.0.0", 15],
  ["a documentation", "198.51.100.0", 24],
  ["a documentation", "203.0.113.0", 24],
  ["a multicast", "224.0.0.0", 4],
  ["a reserved", "240.0.0.0", 4],
];
const IPV6_RANGES: [kind: string, network: string, prefix: number][] = [
  ["an unspecified", "::", 128],
  ["a loopback", "::1", 128],
  ["a reserved (discard-only)", "100::", 64],
  ["a private (local-use NAT64)", "64:ff9b:1::", 48],
  ["a reserved (Teredo)", "2001::", 32],
  ["a documentation", "2001:db8::", 32],
  ["a unique-local", "fc00::", 7],
  ["a link-local", "fe80::", 10],
  ["a private (site-local)", "fec0::", 10],
  ["a multicast", "ff00::", 8],
];

function embeddingsOf(network: string, prefix: number): [network: string, prefix: number][] {
  const [a, b, c, d] = network.split(".").map(Number) as [number, number, number, number];
  const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
  return [
    [`::${network}`, 96 + prefix],
    [`64:ff9b::${network}`, 96 + prefix],
    [`2002:${hex(a, b)}:${hex(c, d)}::`, 16 + prefix],
  ];
}

const RULES: { kind: string; list: net.BlockList }[] = [...IPV6_RANGES, ...IPV4_RANGES].map(
  ([kind, network, prefix]) => {
    const list = new net.BlockList();
    if (net.isIPv4(network)) {
      list.addSubnet(network, prefix, "ipv4");
      for (const [embedded, bits] of embeddingsOf(network, prefix)) list.addSubnet(embedded, bits, "ipv6");
    } else list.addSubnet(network, prefix, "ipv6");
    return { kind, list };
  },
);

/** "a loopback", "a private", … for an address outbound requests must not reach; null for a
 * public one. Anything that is not an IP address is refused ("an invalid"). */
export function classifyAddress(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  const family = net.isIP(bare);
  if (family === 0) return "an invalid";
  const type = family === 4 ? "ipv4" : "ipv6";
  return RULES.find((rule) => rule.list.check(bare, type))?.kind ?? null;
}

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function allowPrivateOf(options: OutboundOptions): boolean {
  return options.allowPrivate ?? env().ALLOW_PRIVATE_OUTBOUND;
}

const ALLOW_HINT = "set ALLOW_PRIVATE_OUTBOUND=true for receivers on your own network";

/**
 * Why a request to `url` would be refused, as a sentence for the admin who typed it, or null
 * when every address its host resolves to is public (or private ones are allowed).
 */
export async function checkOutboundUrl(url: string, options: OutboundOptions = {}): Promise<string | null> {
  if (allowPrivateOf(options)) return null;
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  // The URL parser already wrote numeric forms (2130706433, 0x7f.1, 127.1) as 127.0.0.1.
  if (net.isIP(host)) {
    const kind = classifyAddress(host);
    return kind ? `refused: ${host} is ${kind} address; ${ALLOW_HINT}.` : null;
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? systemResolver)(host);
  } catch (error) {
    return `refused: ${host} could not be resolved${codeOf(error) ? ` (${codeOf(error)})` : ""}; check the host name.`;
  }
  if (addresses.length === 0) return `refused: ${host} could not be resolved; check the host name.`;
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind) return `refused: ${host} resolves to ${address}, ${kind} address; ${ALLOW_HINT}.`;
  }
  return null;
}

export type OutboundFailure =
  | "private-address"
  | "timeout"
  | "connection-refused"
  | "connection-closed"
  | "host-not-found"
  | "unreachable"
  | "not-http"
  | "tls"
  | "other";

/** A request that got no HTTP answer; `reason` is all a caller may show (with the local error code). */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundFailure,
    readonly code?: string,
  ) {
    super(`outbound request failed: ${reason}${code ? ` (${code})` : ""}`);
    this.name = "OutboundError";
  }
}

/** The connect-time check: resolves as net.connect asks, refuses if any address is private. */
function guardedLookup(resolve: Resolver): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (found) => {
        if (found.some(({ address }) => classifyAddress(address)))
          return callback(new OutboundError("private-address"), "", 0);
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const addresses = wanted ? found.filter((a) => a.family === wanted) : found;
        if (addresses.length === 0) return callback(new OutboundError("host-not-found", "ENOTFOUND"), "", 0);
        if (lookupOptions.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

export type OutboundRequest = { method: string; headers: Record<string, string>; body: string; timeoutMs: number };

/**
 * Sends one request and answers with the HTTP status only: the body is never read (a receiver
 * could hold the connection, and what it says is not ours to show). Redirects are not followed.
 * Throws OutboundError when there is no HTTP answer.
 */
export function sendOutbound(
  url: string,
  request: OutboundRequest,
  options: OutboundOptions = {},
): Promise<{ status: number }> {
  const target = new URL(url);
  const allowPrivate = allowPrivateOf(options);
  const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
  // A literal address connects without a lookup: check it here.
  if (!allowPrivate && net.isIP(host) && classifyAddress(host))
    return Promise.reject(new OutboundError("private-address"));
  const lookup = allowPrivate ? undefined : guardedLookup(options.resolve ?? systemResolver);
  const send = target.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const outgoing = send(target, {
      method: request.method,
      headers: { ...request.headers, "Content-Length": String(Buffer.byteLength(request.body)) },
      // One connection per request, so each one is looked up (and checked) again.
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    const timer = setTimeout(() => outgoing.destroy(new OutboundError("timeout")), request.timeoutMs);
    outgoing.on("response", (response) => {
      clearTimeout(timer);
      resolve({ status: response.statusCode ?? 0 });
      response.destroy();
    });
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      reject(toOutboundError(error));
    });
    outgoing.end(request.body);
  });
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : undefined;
  // Local error codes only (ECONNREFUSED, HPE_INVALID_CONSTANT, …): nothing free-form.
  return code && /^[A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
}

function toOutboundError(error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  const code = codeOf(error);
  if (!code) return new OutboundError("other");
  if (code === "ECONNREFUSED") return new OutboundError("connection-refused", code);
  if (code === "ECONNRESET" || code === "EPIPE") return new OutboundError("connection-closed", code);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL")
    return new OutboundError("host-not-found", code);
  if (["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ETIMEDOUT"].includes(code))
    return new OutboundError("unreachable", code);
  if (code.startsWith("HPE_")) return new OutboundError("not-http", code);
  if (code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || /CERT|SELF_SIGNED|UNABLE_TO/.test(code))
    return new OutboundError("tls", code);
  return new OutboundError("other", code);
}

const FAILURE_TEXT: Record<Exclude<OutboundFailure, "private-address" | "timeout">, string> = {
  "connection-refused": "connection refused",
  "connection-closed": "the connection was closed before an answer",
  "host-not-found": "the host name could not be resolved",
  unreachable: "the host is unreachable",
  "not-http": "the answer was not HTTP",
  tls: "the TLS connection failed",
  other: "the connection failed",
};

/** What an admin may read about a failed request: fixed words and a local error code. */
export function describeOutboundFailure(error: unknown, timeoutMs: number): string {
  const failure = toOutboundError(error);
  if (failure.reason === "private-address") return REFUSED_PRIVATE;
  if (failure.reason === "timeout") return `timed out: no answer within ${timeoutMs / 1000} s.`;
  return `Could not reach the receiver: ${FAILURE_TEXT[failure.reason]}${failure.code ? ` (${failure.code})` : ""}.`;
}
