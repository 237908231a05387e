import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

/** Zod issues as { "field.path": "first message" }, for forms on client and server. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "input"] ??= messageOf(issue);
  return fieldErrors;
}

/** A union (e.g. "a status, or empty") says only "Invalid input"; its first branch says why. */
function messageOf(issue: z.core.$ZodIssue): string {
  const branch = issue.code === "invalid_union" ? issue.errors[0]?.[0] : undefined;
  return branch && branch.path.length === 0 ? branch.message : issue.message;
}
