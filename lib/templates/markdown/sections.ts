// Section-building rules that look at a section as a whole: its shape (steps or boxes),
// tables of checks, heading text and titles that would collide.
import type { Heading, Nodes, PhrasingContent, RootContent, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Shape } from "./classify";
import type { ParsedItem } from "./types";

/** Heading text on one line; inline code keeps its backticks ("Updating `deno_docker`"). */
export function headingText(h: Heading): string {
  const text = (nodes: PhrasingContent[]): string =>
    nodes
      .map((n) => {
        if (n.type === "inlineCode") return `\`${n.value}\``;
        if ("children" in n) return text(n.children);
        return toString(n);
      })
      .join("");
  return text(h.children).replace(/\s+/g, " ").trim();
}

function hasTask(node: Nodes): boolean {
  if (node.type === "listItem" && typeof node.checked === "boolean") return true;
  return "children" in node && (node.children as Nodes[]).some(hasTask);
}

const ASIDE = new Set(["paragraph", "html", "definition", "thematicBreak", "blockquote"]);

/**
 * Boxes anywhere, and whether numbered lists are the section's content ("only": nothing but
 * them and a little text around them), share it with other blocks ("mixed"), or are absent.
 */
export function sectionShape(blocks: RootContent[]): Shape {
  const boxes = blocks.some((b) => hasTask(b));
  const ordered = blocks.filter((b) => b.type === "list" && b.ordered === true);
  if (ordered.length === 0) return { boxes, steps: "none" };
  const others = blocks.filter((b) => !(b.type === "list" && b.ordered === true));
  const length = (list: RootContent[]) => list.reduce((n, b) => n + toString(b).length, 0);
  const onlyAside = others.every((b) => ASIDE.has(b.type) || b.type === "code");
  return { boxes, steps: onlyAside && length(ordered) >= length(others) ? "only" : "mixed" };
}

// A cell that only marks something (":white_check_mark:", "✅", "x", "-") is not the check's name.
const MARK_ONLY = /^(?::[a-z0-9_+-]+:|[\p{Extended_Pictographic}\u{FE0F}\s]|[xX✓✔-])*$/u;

/**
 * A table of checks: one item per body row, named by the first column with text in it; the
 * other cells become the item's details as "**Header**: value" lines.
 */
export function tableItems(table: Table, sourceOf: (node: Nodes) => string, onEmptyRow: () => void): ParsedItem[] {
  const [header, ...rows] = table.children;
  if (!header || rows.length === 0) return [];
  const cell = (row: (typeof rows)[number], i: number) => {
    const c = row.children[i];
    return c && c.children.length > 0
      ? sourceOf(c)
          .trim()
          .replace(/^\|\s*|\s*\|$/g, "")
      : "";
  };
  const columns = header.children.length;
  let nameAt = 0;
  while (nameAt < columns - 1 && rows.every((r) => MARK_ONLY.test(cell(r, nameAt)))) nameAt++;
  const headers = header.children.map((_, i) => cell(header, i) || `Column ${i + 1}`);
  return rows.flatMap((row) => {
    const text = cell(row, nameAt).replace(/\s+/g, " ");
    if (text === "") {
      onEmptyRow();
      return [];
    }
    const details = headers
      .map((name, i) => (i === nameAt || cell(row, i) === "" ? null : `**${name}**: ${cell(row, i)}`))
      .filter((line): line is string => line !== null)
      .join("\n\n");
    return [{ text, ...(details ? { details } : {}), children: [] }];
  });
}

/**
 * Sibling titles that would read the same ("Best practices" under six parents) get their
 * parent heading in front: "Performance › Best practices". Others stay as written.
 */
export function disambiguate<T extends { title: string; parent: string | null }>(sections: T[]): string[] {
  const count = new Map<string, number>();
  const key = (t: string) => t.toLowerCase();
  for (const s of sections) count.set(key(s.title), (count.get(key(s.title)) ?? 0) + 1);
  return sections.map((s) => ((count.get(key(s.title)) ?? 0) > 1 && s.parent ? `${s.parent} › ${s.title}` : s.title));
}
