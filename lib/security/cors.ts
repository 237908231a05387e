// Who may call Preflight's API from a browser on another origin. Browsers send `Origin` on
// cross-origin requests; a request without one (curl, a pipeline) or from Preflight's own
// pages passes: `ownOrigin`, from lib/security/origin.ts (APP_URL when set, never a
// client's X-Forwarded-Host). Any other origin must be listed in CORS_ORIGINS, and even then gets no
// credentials: cross-origin callers use bearer tokens, never the session cookie.
export type CorsDecision =
  | { kind: "pass" }
  | { kind: "preflight"; headers: Record<string, string> }
  | { kind: "allow"; headers: Record<string, string> }
  | { kind: "refuse"; message: string };

export type CorsRequest = { method: string; origin: string | null; ownOrigin: string };

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
const ALLOWED_HEADERS = "Authorization, Content-Type";
const EXPOSED_HEADERS = "Retry-After";

/** `allowed`: the parsed CORS_ORIGINS (origins, or ["*"] outside production). */
export function corsDecision(request: CorsRequest, allowed: readonly string[]): CorsDecision {
  const { origin } = request;
  if (!origin || origin === request.ownOrigin) return { kind: "pass" };
  if (!allowed.includes("*") && !allowed.includes(origin)) {
    return {
      kind: "refuse",
      message: `Cross-origin requests from ${origin} are not allowed; an administrator can add the origin to CORS_ORIGINS.`,
    };
  }
  const headers = { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
  if (request.method === "OPTIONS") {
    return {
      kind: "preflight",
      headers: {
        ...headers,
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
      },
    };
  }
  // A browser script sees only "simple" response headers unless exposed: a 429's Retry-After
  // tells it when to try again.
  return { kind: "allow", headers: { ...headers, "Access-Control-Expose-Headers": EXPOSED_HEADERS } };
}

/** Parses CORS_ORIGINS: comma-separated origins like https://ci.example.com, or "*". */
export function parseCorsOrigins(value: string): { origins: string[] } | { problem: string } {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes("*"))
    return entries.length === 1
      ? { origins: ["*"] }
      : { problem: "mixes * with origins; give * alone or a list of origins" };
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return { problem: `has “${entry}”, which is not an origin like https://ci.example.com` };
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== entry)
      return {
        problem: `has “${entry}”, which is not an origin like https://ci.example.com (scheme, host and port only)`,
      };
  }
  return { origins: entries };
}
