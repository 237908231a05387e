// The one way a domain function reads its input: text Postgres cannot store is refused or
// repaired, then the function's own zod schema parses it. Actions, API routes, the CLI and
// jobs all pass what they received; a bad input is a 400 naming the field (invalidInput).
import type { z } from "zod";
import { cleanInput } from "@/lib/actions/clean-input";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { invalidInput } from "@/lib/errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const cleaned = cleanInput(input);
  if (!cleaned.ok) throw invalidInput({ [cleaned.path]: cleaned.message });
  const parsed = schema.safeParse(cleaned.value);
  if (parsed.success) return parsed.data;
  throw invalidInput(fieldErrorsOf(parsed.error));
}
