// Runs before every page and route: a fresh CSP nonce per request (Next adds it to its
// own scripts), HSTS when the request arrived over HTTPS, and for the API the CORS rules
// (lib/security/cors.ts) and a body-size cap checked before any handler reads the body.
// Server-action POSTs and API writes must also show a valid session (or, for the API, a
// token of the right shape) here, so an anonymous body is refused before anything parses it.
// The forwarding headers read here were set by the project's HTTP layer (scripts/serve.mjs).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { TOKEN_PATTERN } from "@/lib/api-tokens/secret";
import { env } from "@/lib/env";
import { corsDecision } from "@/lib/security/cors";
import { contentSecurityPolicy } from "@/lib/security/csp";
import { isOwnOrigin, publicOrigin } from "@/lib/security/origin";

/** No API request needs more; handlers enforce their own, smaller limits too. */
const MAX_API_BODY_BYTES = 1_048_576;

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SECURE_SESSION_COOKIE = "__Secure-next-auth.session-token";

export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/") && !path.startsWith("/api/auth/")) return apiGuard(request);
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await actionRefusal(request);
    if (refusal) return withHsts(request, refusal);
  }

  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return withHsts(request, response);
}

async function apiGuard(request: NextRequest): Promise<NextResponse> {
  const decision = corsDecision(
    { method: request.method, origin: request.headers.get("origin"), ownOrigin: publicOrigin(request.headers) },
    env().CORS_ORIGINS,
  );
  if (decision.kind === "refuse")
    return withHsts(request, NextResponse.json({ error: decision.message }, { status: 403 }));
  if (decision.kind === "preflight")
    return withHsts(request, new NextResponse(null, { status: 204, headers: decision.headers }));

  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_API_BODY_BYTES) {
    return withHsts(
      request,
      NextResponse.json({ error: `The request body is larger than ${MAX_API_BODY_BYTES} bytes.` }, { status: 413 }),
    );
  }
  if (request.nextUrl.pathname.startsWith("/api/v1/") && WRITE_METHODS.has(request.method)) {
    const refusal = await anonymousWriteRefusal(request);
    if (refusal) return withHsts(request, refusal);
  }
  const response = NextResponse.next();
  if (decision.kind === "allow")
    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);
  return withHsts(request, response);
}

/** A server action from another origin, or without a valid session: refused before Next
 * reads its body (every action requires a signed-in user; the action checks it again). */
async function actionRefusal(request: NextRequest): Promise<NextResponse | undefined> {
  const origin = request.headers.get("origin");
  if (origin && !isOwnOrigin(origin, request.headers))
    return NextResponse.json({ error: "Cross-origin requests are not accepted." }, { status: 403 });
  if (!(await hasSession(request)))
    return NextResponse.json({ error: "Your session has ended; sign in again." }, { status: 401 });
  return undefined;
}

/** An API write with neither a token of the right shape nor a valid session. The handler
 * still checks the token itself, and the session's user, with the database. */
async function anonymousWriteRefusal(request: NextRequest): Promise<NextResponse | undefined> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (match && TOKEN_PATTERN.test(match[1]!)) return undefined;
    return NextResponse.json(
      { error: "Send the token as `Authorization: Bearer <token>`." },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  if (await hasSession(request)) return undefined;
  return NextResponse.json(
    { error: "Sign in, or send an API token as `Authorization: Bearer <token>`." },
    { status: 401, headers: { "Cache-Control": "no-store" } },
  );
}

/** Whether the request carries a session cookie next-auth signed (and has not expired). */
async function hasSession(request: NextRequest): Promise<boolean> {
  const secureCookie = request.cookies.has(SECURE_SESSION_COOKIE);
  const token = await getToken({ req: request, secret: env().AUTH_SECRET, secureCookie });
  return token !== null && typeof token.uid === "string";
}

function withHsts(request: NextRequest, response: NextResponse): NextResponse {
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  if (protocol === "https") response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
