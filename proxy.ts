// Runs before every page and route: a fresh CSP nonce per request (Next adds it to its
// own scripts), HSTS when the request arrived over HTTPS, and for the API the CORS rules
// (lib/security/cors.ts) and a body-size cap checked before any handler reads the body.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { corsDecision } from "@/lib/security/cors";
import { contentSecurityPolicy } from "@/lib/security/csp";

/** No API request needs more; handlers enforce their own, smaller limits too. */
const MAX_API_BODY_BYTES = 1_048_576;

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/") && !path.startsWith("/api/auth/")) return apiGuard(request);

  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return withHsts(request, response);
}

function apiGuard(request: NextRequest): NextResponse {
  const { CORS_ORIGINS, APP_URL } = env();
  const decision = corsDecision(
    {
      method: request.method,
      origin: request.headers.get("origin"),
      host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
      appUrl: APP_URL,
    },
    CORS_ORIGINS,
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
  const response = NextResponse.next();
  if (decision.kind === "allow")
    for (const [name, value] of Object.entries(decision.headers)) response.headers.set(name, value);
  return withHsts(request, response);
}

function withHsts(request: NextRequest, response: NextResponse): NextResponse {
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "");
  if (protocol === "https") response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
