import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { AppError } from "@/lib/errors";

/** Domain functions validate again whatever their caller parsed: the CLI and other callers
 * reach them without a server action in front. A bad input is a 400 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  const [, message] = Object.entries(fieldErrors)[0]!;
  throw new AppError("BAD_REQUEST", message, { fieldErrors });
}
