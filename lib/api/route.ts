// Route handlers for outside callers: the same rules as server actions (who is asking →
// one domain or read function, which parses its input with its own zod schema), answered
// as JSON. Errors carry the field path and a message a person understands; nothing
// unexpected leaks.
import "server-only";
import { resolveApiCaller, tokenAuditLabel, type ApiCaller } from "@/lib/api/principal";
import { enforceApiRateLimit } from "@/lib/api/rate-limit";
import { scopesAllow } from "@/lib/api-tokens/scopes";
import { withAuditLabel } from "@/lib/audit/context";
import { requirePermission, type Permission } from "@/lib/auth/policy";
import { clientIp } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";
import { isOwnOrigin } from "@/lib/security/origin";
import { isPlausibleId } from "@/lib/validation";

const noStore = { "Cache-Control": "no-store" };
const DEFAULT_MAX_BYTES = 100_000;

export function jsonError(status: number, error: string, field?: string, details?: Record<string, unknown>): Response {
  return Response.json({ error, ...(field ? { field } : {}), ...(details ?? {}) }, { status, headers: noStore });
}

/** JSON with the API's headers; `status` defaults to 200. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: noStore });
}

/**
 * What an /api/v1 endpoint needs from its caller. `scope`: the token scope it requires
 * (GATE, READ for reads, WRITE for writes); `permission`: checked here for endpoints whose
 * domain function does not check one itself; `tokens: false`: a person must act, in the
 * browser (e.g. approving a release).
 */
export type ApiAccess = { scope: ApiTokenScope; permission?: Permission; tokens?: boolean };

/** A write endpoint: caller → access → same-origin (cookies) → a JSON body within the size
 * cap → handler, whose domain function parses the body with its own schema. A token's
 * writes are audited as its user, each event labelled with the token. */
export async function handleApiWrite(
  request: Request,
  access: ApiAccess,
  handler: (body: unknown, caller: ApiCaller) => Promise<unknown>,
  options: { status?: number; maxBytes?: number } = {},
): Promise<Response> {
  return respond(async () => {
    const caller = await authorize(request, access);
    if (caller.via === "session" && !sameOriginOrNoCookie(request))
      return jsonError(403, "Cross-origin requests are not accepted.");
    if (!declaresJsonOrNothing(request))
      return jsonError(415, "Send the body as JSON, with Content-Type: application/json.");
    const body = await readJsonBody(request, options.maxBytes);
    if (body instanceof Response) return body;
    const run = () => handler(body, caller);
    return toResponse(
      await (caller.via === "token" ? withAuditLabel(tokenAuditLabel(caller.tokenId), run) : run()),
      options.status ?? 200,
    );
  });
}

/** A GET endpoint whose read function parses its own query: caller → access → handler with
 * the query string as an object. */
export async function handleApiRead(
  request: Request,
  access: ApiAccess,
  handler: (query: Record<string, string>, caller: ApiCaller) => Promise<unknown>,
): Promise<Response> {
  return respond(async () => {
    const caller = await authorize(request, access);
    return toResponse(await handler(Object.fromEntries(new URL(request.url).searchParams), caller), 200);
  });
}

/**
 * What a write route hands its domain function: the JSON body, with the ids from the path
 * over whatever the body says about them. Typed as the function's input on trust: the
 * function parses it with its own schema, which refuses anything else (a body that is no
 * object is passed as it is, for that schema to refuse).
 */
export function asDomainInput<T>(body: unknown, pathParams: Record<string, string> = {}): T {
  const isObject = body !== null && typeof body === "object" && !Array.isArray(body);
  return (isObject ? { ...body, ...pathParams } : body) as T;
}

/** An endpoint anyone may call (public keys, the OpenAPI document): only the per-address
 * rate limit, then the handler. */
export async function handleApiPublic(
  request: Request,
  handler: () => Response | Promise<Response>,
): Promise<Response> {
  return respond(async () => {
    await enforceApiRateLimit(db, { bucket: "api", ip: requestIp(request) });
    return handler();
  });
}

/** A path id that cannot be an id names nothing: 404, before it reaches the database. */
export function requirePlausibleId(value: string, notFound: string): void {
  if (!isPlausibleId(value)) throw new AppError("NOT_FOUND", notFound);
}

/**
 * Who is asking, counted against the rate limits (lib/api/rate-limit.ts) in one statement:
 * per address for every request, per token once the token is known. A request whose token
 * is refused (401) still counts against its address, so guessing tokens is limited too.
 * The gate (the GATE scope's one endpoint) counts against its own, higher limit.
 */
async function authorize(request: Request, access: ApiAccess): Promise<ApiCaller> {
  const count = { bucket: access.scope === "GATE" ? "gate" : "api", ip: requestIp(request) } as const;
  let caller: ApiCaller | null;
  try {
    caller = await resolveApiCaller(request);
  } catch (error) {
    if (error instanceof AppError) await enforceApiRateLimit(db, count);
    throw error;
  }
  await enforceApiRateLimit(db, { ...count, ...(caller?.via === "token" ? { tokenId: caller.tokenId } : {}) });
  if (!caller)
    throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  if (caller.via === "token") {
    if (access.tokens === false)
      throw new AppError("FORBIDDEN", "API tokens cannot do this; a person must do it in the browser, signed in.");
    if (!scopesAllow(caller.scopes, access.scope)) {
      throw new AppError(
        "FORBIDDEN",
        `This token's scopes (${caller.scopes.join(", ")}) do not include ${access.scope}, which this endpoint needs.`,
      );
    }
  }
  if (access.permission) requirePermission(caller.actor, access.permission);
  return caller;
}

function requestIp(request: Request): string {
  return clientIp(Object.fromEntries(request.headers));
}

/** No Content-Type, or a JSON one. text/plain passes too: it is what fetch sends for a
 * string body when the caller names no type. A form post or any other format is refused
 * by name (415) rather than failing later as "not valid JSON". */
function declaresJsonOrNothing(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return !type || type === "application/json" || type.endsWith("+json") || type === "text/plain";
}

async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return jsonError(413, `The request body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return jsonError(413, `The request body is larger than ${maxBytes} bytes.`);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return jsonError(400, "The request body is not valid JSON.");
  }
}

function toResponse(result: unknown, status: number): Response {
  if (result instanceof Response) {
    result.headers.set("Cache-Control", "no-store");
    return result;
  }
  return json(result ?? { ok: true }, status);
}

/** Runs a route handler's work; expected failures become their JSON answer (an AppError its
 * status, a database outage 503), anything else is logged and a 500 saying `failure`. */
export async function respond(
  run: () => Promise<Response>,
  failure = "Something went wrong on our side; nothing was saved.",
): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError) {
      const response = jsonError(error.status, error.message, error.field, error.details);
      const retryAfter = error.details?.retryAfterSeconds;
      if (error.code === "RATE_LIMITED" && typeof retryAfter === "number")
        response.headers.set("Retry-After", String(retryAfter));
      return response;
    }
    if (isDatabaseUnavailable(error)) {
      logger().warn({ err: error }, "route handler: database unavailable");
      return jsonError(503, DATABASE_UNAVAILABLE_MESSAGE);
    }
    logger().error({ err: error }, "route handler failed");
    return jsonError(500, failure);
  }
}

/** Browsers send Origin on cross-site POSTs; a cookie-carrying one from elsewhere is refused. */
function sameOriginOrNoCookie(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || !request.headers.get("cookie")) return true;
  return isOwnOrigin(origin, request.headers);
}
