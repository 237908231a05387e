// Text the database cannot store, caught before any schema or query sees it. Postgres text
// cannot hold NUL (U+0000), and its jsonb (the audit log's before/after) refuses the escaped
// lone surrogates JSON.stringify writes, so either would fail deep inside a write as a 500.

export type CleanInput = { ok: true; value: unknown } | { ok: false; path: string; message: string };

export const NUL_MESSAGE = "Text cannot contain NUL (\\0) characters.";

/** How deep objects and arrays may nest: no form or API body comes near it, and a bound keeps
 * a body nested 10,000 deep from overflowing the stack (a 500) here or in the schema. */
export const MAX_DEPTH = 64;
export const DEPTH_MESSAGE = `The input nests deeper than ${MAX_DEPTH} levels.`;

/**
 * The input with every lone surrogate in its strings replaced by U+FFFD (what the database
 * driver would store for a text column anyway), or the path of the first string holding a
 * NUL. Plain objects and arrays are copied, never changed in place; other values pass as
 * they are, for the schema to judge.
 */
export function cleanInput(input: unknown): CleanInput {
  const copies = new Map<object, unknown>();
  let nulAt: string | null = null;
  let tooDeepAt: string | null = null;

  const visit = (value: unknown, path: string, depth = 0): unknown => {
    if (nulAt !== null || tooDeepAt !== null) return value;
    if (typeof value === "string") {
      if (value.includes("\u0000")) nulAt = path;
      return value.isWellFormed() ? value : value.toWellFormed();
    }
    if (!value || typeof value !== "object" || !isPlain(value)) return value;
    if (depth >= MAX_DEPTH) {
      tooDeepAt = path;
      return value;
    }
    const seen = copies.get(value);
    if (seen !== undefined) return seen;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      copies.set(value, copy);
      value.forEach((item, index) => (copy[index] = visit(item, join(path, String(index)), depth + 1)));
      return copy;
    }
    const copy: Record<string, unknown> =
      Object.getPrototypeOf(value) === null ? (Object.create(null) as Record<string, unknown>) : {};
    copies.set(value, copy);
    // defineProperty: a "__proto__" key stays a key instead of replacing the copy's prototype.
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, {
        value: visit(item, join(path, key), depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  };

  const value = visit(input, "");
  if (tooDeepAt !== null) return { ok: false, path: tooDeepAt || "input", message: DEPTH_MESSAGE };
  if (nulAt !== null) return { ok: false, path: nulAt || "input", message: NUL_MESSAGE };
  return { ok: true, value };
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
