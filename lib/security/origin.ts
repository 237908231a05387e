// Preflight's own origin, for same-origin checks (proxy.ts, lib/api/route.ts) and for the
// links it writes (CSV exports, webhook payloads). With APP_URL (always in production) that is
// the only one. Without (local mode) it is the host the browser used: the Host header, or the
// X-Forwarded-Host/-Proto of a trusted proxy. The project's HTTP layer
// (scripts/lib/http-layer.mjs) has dropped those headers unless TRUSTED_PROXIES says a proxy
// of ours set them, so nothing here believes what a client claims about itself.
import { env } from "@/lib/env";

type HeaderSource = { get(name: string): string | null };

/** `headers`: the request's; `appUrl`: APP_URL (read from the environment by default). */
export function publicOrigin(headers: HeaderSource, appUrl: string | undefined = env().APP_URL): string {
  if (appUrl) return new URL(appUrl).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const protocol = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  if (host && URL.canParse(`${protocol}://${host}`)) return new URL(`${protocol}://${host}`).origin;
  return `http://localhost:${env().PORT}`;
}

/** Whether a browser's Origin header names Preflight itself. */
export function isOwnOrigin(origin: string, headers: HeaderSource, appUrl?: string): boolean {
  return URL.canParse(origin) && new URL(origin).origin === publicOrigin(headers, appUrl ?? env().APP_URL);
}
