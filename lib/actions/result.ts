// What every server action returns: data, or an error a person can read (with the HTTP
// status it would have had, field errors, and any detail such as the current state on a
// conflict). Actions never throw expected errors at the client.
import { z } from "zod";
import { cleanInput } from "@/lib/actions/clean-input";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      status: number;
      error: string;
      fieldErrors?: Record<string, string>;
      details?: Record<string, unknown>;
    };

/** Parses `input` with `schema`, runs `task`, and turns expected failures into results. */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  task: (data: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const cleaned = cleanInput(input);
  if (!cleaned.ok) {
    return {
      ok: false,
      status: 400,
      error: cleaned.path === "input" ? cleaned.message : `${cleaned.path}: ${cleaned.message}`,
      fieldErrors: { [cleaned.path]: cleaned.message },
    };
  }
  const parsed = schema.safeParse(cleaned.value);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const [path, message] = Object.entries(fieldErrors)[0]!;
    return { ok: false, status: 400, error: path === "input" ? message : `${path}: ${message}`, fieldErrors };
  }
  try {
    return { ok: true, data: await task(parsed.data) };
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, status: error.status, error: error.message, details: error.details };
    if (isDatabaseUnavailable(error)) {
      logger().warn({ err: error }, "server action: database unavailable");
      return { ok: false, status: 503, error: DATABASE_UNAVAILABLE_MESSAGE };
    }
    logger().error({ err: error }, "server action failed");
    return { ok: false, status: 500, error: "Something went wrong on our side; nothing was saved. Try again." };
  }
}
