// Route handlers for outside callers: the same rules as server actions (who is asking →
// zod → one domain function), answered as JSON. Errors carry the field path and a message
// a person understands; nothing unexpected leaks.
import "server-only";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

type Handler<S extends z.ZodType, T> = (input: z.infer<S>, user: CurrentUser | null) => Promise<T>;

export function jsonError(status: number, error: string, field?: string, details?: Record<string, unknown>): Response {
  return Response.json({ error, ...(field ? { field } : {}), ...(details ?? {}) }, { status });
}

/** Reads a JSON body (at most `maxBytes`), validates it with `schema`, runs `handler`. */
export async function handleJson<S extends z.ZodType, T>(request: Request, schema: S, handler: Handler<S, T>, options: { status?: number; maxBytes?: number } = {}): Promise<Response> {
  const maxBytes = options.maxBytes ?? 100_000;
  if (!sameOriginOrNoCookie(request)) return jsonError(403, "Cross-origin requests are not accepted.");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return jsonError(413, `The request body is larger than ${maxBytes} bytes.`);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return jsonError(400, "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".");
    return jsonError(400, field ? `${field}: ${issue.message}` : issue.message, field || undefined);
  }
  try {
    const result = await handler(parsed.data, await getCurrentUser());
    return Response.json(result ?? { ok: true }, { status: options.status ?? 200 });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error.status, error.message, undefined, error.details);
    logger().error({ err: error }, "route handler failed");
    return jsonError(500, "Something went wrong on our side; nothing was saved.");
  }
}

/** Browsers send Origin on cross-site POSTs; a cookie-carrying one from elsewhere is refused. */
function sameOriginOrNoCookie(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || !request.headers.get("cookie")) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
