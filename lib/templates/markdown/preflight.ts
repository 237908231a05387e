// Preflight's own metadata inside a Markdown file: one HTML comment form, so the file stays
// ordinary Markdown that any viewer renders without showing it.
//
//   <!-- preflight: key=value other="a value with spaces" -->
//
// Keys are lower-case words with dashes; values are bare (no spaces or quotes) or in double
// quotes (\" and \\ escaped). On an item's line or on its own line under the item it
// belongs to that item. The importer reads it and keeps it apart from the item's text and
// details; the exporter writes it back in the same form.

export const PREFLIGHT_INLINE = /[ \t]*<!--[ \t]*preflight:[\s\S]*?-->/gi;
const WHOLE = /^\s*<!--[ \t]*preflight:([\s\S]*?)-->\s*$/i;
const PAIR = /\s*([a-z][a-z0-9-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/gy;

/**
 * The pairs of a `<!-- preflight: … -->` comment, or null when `html` is not one. A
 * malformed one is reported to `problems` (when given) and reads as no pairs.
 */
export function readPreflightComment(html: string, problems: string[] | null): Record<string, string> | null {
  const body = WHOLE.exec(html)?.[1];
  if (body === undefined) return null;
  const pairs: Record<string, string> = {};
  PAIR.lastIndex = 0;
  let end = 0;
  for (let m = PAIR.exec(body); m; m = PAIR.exec(body)) {
    pairs[m[1]!] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
    end = PAIR.lastIndex;
  }
  if (body.slice(end).trim() !== "") {
    problems?.push(`Ignored a malformed preflight comment: “${html.trim().slice(0, 80)}”.`);
    return {};
  }
  return pairs;
}

export function writePreflightComment(pairs: Record<string, string>): string {
  const body = Object.entries(pairs)
    .map(([k, v]) => (/^[^\s"\\]+$/.test(v) ? `${k}=${v}` : `${k}="${v.replace(/["\\]/g, "\\$&")}"`))
    .join(" ");
  return `<!-- preflight: ${body} -->`;
}
