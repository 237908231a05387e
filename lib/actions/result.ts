// What every server action returns: data, or an error a person can read (with the HTTP
// status it would have had, field errors, and any detail such as the current state on a
// conflict). Actions never throw expected errors at the client.
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      status: number;
      error: string;
      fieldErrors?: FieldErrors;
      details?: Record<string, unknown>;
    };

/** Runs a domain call (which parses its own input) and turns expected failures into results. */
export async function runAction<T>(task: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await task() };
  } catch (error) {
    return failureOf(error);
  }
}

function failureOf(error: unknown): ActionResult<never> {
  if (error instanceof AppError) {
    return {
      ok: false,
      status: error.status,
      error: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) {
    logger().warn({ err: error }, "server action: database unavailable");
    return { ok: false, status: 503, error: DATABASE_UNAVAILABLE_MESSAGE };
  }
  logger().error({ err: error }, "server action failed");
  return { ok: false, status: 500, error: "Something went wrong on our side; nothing was saved. Try again." };
}
