import type { z } from "zod";

/** Zod issues as { "field.path": "first message" }, for forms on client and server. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "input"] ??= issue.message;
  return fieldErrors;
}
