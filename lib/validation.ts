// Small zod building blocks shared by the schemas of several features.
import { z } from "zod";

export const entityId = z.string().trim().min(1, "is required").max(64, "is not a valid id");

/** A short name people type (service, environment, version): no control characters or < >. */
export function labelText(what: string, max: number, options: { forbidSlash?: boolean } = {}) {
  const forbidden = options.forbidSlash ? /^[^\u0000-\u001f<>/]+$/ : /^[^\u0000-\u001f<>]+$/;
  return z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `The ${what} is limited to ${max} characters.`)
    .regex(forbidden, `The ${what} cannot contain control characters${options.forbidSlash ? ", < > or /" : " or < >"}.`);
}
