// Small zod building blocks shared by the schemas of several features.
import { z } from "zod";

// Ids are cuids; anything with control characters (a NUL would even fail in Postgres) is no id.
export const entityId = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64, "is not a valid id")
  .regex(/^[^\u0000-\u001f]*$/, "is not a valid id");

/**
 * Free text as Postgres can store it: a NUL is refused by name, and a lone surrogate (half
 * an emoji, cut by a client) becomes U+FFFD, as the driver would store it in a text column
 * anyway, instead of failing in the audit log's jsonb. parseInput already does this for
 * every field a domain function reads; a schema applies it too so that a form checking
 * its input with the same schema in the browser agrees.
 */
export function storableText<T extends z.ZodType<string, string>>(schema: T) {
  return schema
    .refine((value) => !value.includes("\u0000"), "Text cannot contain NUL (\\0) characters.")
    .transform((value) => value.toWellFormed());
}

/** Whether a path or query parameter could be an id at all; anything else is simply not found (a NUL would even fail in Postgres). */
export function isPlausibleId(value: string): boolean {
  return entityId.safeParse(value).success;
}

/** The years a date may name (every date field and filter): PostgreSQL's date and timestamp
 * refuse year 0 (22008, a 500), and nothing Preflight tracks is older than 1970. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 9999;

/** Whether a year lies in FIRST_YEAR–LAST_YEAR. */
export function isYearInRange(year: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Whether a YYYY-MM-DD string names a real day: Date.parse rolls 2026-02-30 over to March, a round trip does not. */
export function isRealDay(value: string): boolean {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

/** Whether a YYYY-MM-DD string's year lies in FIRST_YEAR–LAST_YEAR; every day field checks it after isRealDay. */
export function isDayInRange(value: string): boolean {
  return isYearInRange(Number(value.slice(0, 4)));
}

export const DAY_RANGE_MESSAGE = `Use a date between ${FIRST_YEAR} and ${LAST_YEAR}.`;

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what
// a reader sees ("evil\u202Egnp.exe" shows as "evilexe.png"); zero-width characters (U+200B–U+200D,
// U+2060, U+FEFF) make two different names look alike.
const invisibleOrDirectionChanging = /[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]/u;

/** A name people read and tell apart: `subject` starts the message ("The service", "A name"). */
export function visibleName<T extends z.ZodType<string, string>>(schema: T, subject: string) {
  return schema.refine(
    (value) => !invisibleOrDirectionChanging.test(value),
    `${subject} cannot contain invisible or direction-changing characters.`,
  );
}

/** A short name people type (service, environment, version): no control characters, < >,
 * invisible or direction-changing characters. */
export function labelText(what: string, max: number, options: { forbidSlash?: boolean } = {}) {
  const forbidden = options.forbidSlash ? /^[^\u0000-\u001f<>/]+$/ : /^[^\u0000-\u001f<>]+$/;
  return visibleName(
    z
      .string()
      .trim()
      .min(1, `Enter the ${what}.`)
      .max(max, `The ${what} is limited to ${max} characters.`)
      .regex(
        forbidden,
        `The ${what} cannot contain control characters${options.forbidSlash ? ", < > or /" : " or < >"}.`,
      ),
    `The ${what}`,
  );
}
