// YAML front matter ("---" … "---" at the top of the file), as Jekyll pages and GitHub issue
// templates carry it. Only the top-level `key: value` pairs matter to us: `title` / `name`
// name the template, the rest is kept as written (TemplateVersion.metadata) and exported back.

export type FrontMatter = {
  /** Top-level keys with their values as written (a nested or multi-line value as its lines). */
  metadata: Record<string, string>;
  /** The source with the front matter blanked out (same length and lines, so offsets hold). */
  body: string;
};

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const PAIR = /^([A-Za-z0-9_][\w .-]*?)[ \t]*:(?:[ \t]+(.*))?$/;

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    return v.slice(1, -1);
  }
  return v;
}

/** Null when the file does not start with front matter whose lines read as `key: value` pairs. */
export function readFrontMatter(src: string): FrontMatter | null {
  const match = FENCE.exec(src);
  if (!match) return null;
  const metadata: Record<string, string> = {};
  let last: string | null = null;
  for (const line of (match[1] ?? "").split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const pair = /^\s/.test(line) || line.startsWith("- ") ? null : PAIR.exec(line);
    if (pair) {
      last = pair[1]!.trim();
      metadata[last] = unquote(pair[2] ?? "");
    } else if (last !== null) {
      // A list or block under the last key: kept as its lines.
      metadata[last] = [metadata[last], line].filter((s) => s !== "").join("\n");
    } else return null; // not YAML we understand: leave the text alone
  }
  // A "---" rule right after a "key: value" line is a setext heading to Markdown; blank it out.
  const body = match[0].replace(/[^\n]/g, " ") + src.slice(match[0].length);
  return { metadata, body };
}

/** The template's name from front matter: an issue template's `name`, else `title`, else `name`. */
export function frontMatterTitle(metadata: Record<string, string>): { key: string; title: string } | null {
  const issueTemplate = "about" in metadata && metadata.name;
  const key = issueTemplate ? "name" : metadata.title ? "title" : metadata.name ? "name" : null;
  return key ? { key, title: metadata[key]!.replace(/\s+/g, " ").trim() } : null;
}

/** Front matter for export: the pairs as read, in order. */
export function formatFrontMatter(metadata: Record<string, string>): string {
  const lines = Object.entries(metadata).map(([key, value]) =>
    value.includes("\n")
      ? `${key}:${value.startsWith("\n") ? "" : "\n"}${value}`
      : `${key}: ${/^[\s'"]|[:#]\s|\s$/.test(value) || value === "" ? JSON.stringify(value) : value}`,
  );
  return `---\n${lines.join("\n")}\n---\n`;
}
