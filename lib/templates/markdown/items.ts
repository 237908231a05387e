// Turns mdast lists into checklist items, keeping each item's inline Markdown source and,
// as its details, the Markdown under it that is not itself a box.
import type { Definition, List, ListItem, Nodes, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { neutraliseLinks } from "./html";
import { readPreflightComment, PREFLIGHT_INLINE } from "./preflight";
import type { ParsedItem } from "./types";

/** Counts worth a warning, gathered over the whole file. */
export type ItemSink = {
  ticked: number;
  emptySkipped: number;
  /** Lines of task items read from inside block quotes. */
  quotedLines: number[];
  /** Problems with `<!-- preflight: … -->` comments. */
  preflightProblems: string[];
};

export function newItemSink(): ItemSink {
  return { ticked: 0, emptySkipped: 0, quotedLines: [], preflightProblems: [] };
}

type Definitions = Map<string, Pick<Definition, "url" | "title">>;

/** What every function here needs: the source, its link definitions and where to count. */
export type ItemContext = { src: string; definitions: Definitions; sink: ItemSink; quoteDepth: number };

// CommonMark matches labels case-insensitively with runs of white space collapsed.
const labelKey = (label: string) => label.replace(/\s+/g, " ").trim().toLowerCase();

/** Every `[label]: url` of the document: they resolve across the whole file. */
export function linkDefinitions(root: Root): Definitions {
  const definitions: Definitions = new Map();
  visit(root, "definition", (node) => {
    const k = labelKey(node.label ?? node.identifier);
    if (!definitions.has(k)) definitions.set(k, { url: node.url, title: node.title });
  });
  return definitions;
}

/** GFM needs words after "[ ]" to call it a task; a bare box is still an (empty) task to us. */
function isBareBox(item: ListItem): boolean {
  const first = item.children[0];
  return first?.type === "paragraph" && first.children.length === 1 && /^\[[ xX]\]$/.test(toString(first).trim());
}

export function hasTask(node: Nodes): boolean {
  if (node.type === "listItem" && (typeof node.checked === "boolean" || isBareBox(node))) return true;
  return "children" in node && (node.children as Nodes[]).some(hasTask);
}

/**
 * A list holds items when it has a task anywhere inside it, or when it is numbered under a
 * procedure heading. Every other list is reference content.
 */
export function isItemList(list: List, procedure: boolean): boolean {
  return (list.ordered === true && procedure) || hasTask(list);
}

const offsets = (node: Nodes) => [node.position?.start.offset, node.position?.end.offset] as const;

function destination(url: string, title: string | null | undefined): string {
  const target = /[\s()<>]/.test(url) || url === "" ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  return title ? `${target} "${title.replace(/"/g, '\\"')}"` : target;
}

/**
 * The source from start to end, with reference-style links and images (`[text][ref]`,
 * `![alt][ref]`, `[ref]`) inside `nodes` written inline, so an item carries its own URLs.
 */
function resolvedSource(ctx: ItemContext, start: number, end: number, nodes: Nodes[]): string {
  let out = "";
  let at = start;
  for (const node of nodes) {
    const [s, e] = offsets(node);
    if (s === undefined || e === undefined || s < at || e > end) continue;
    if (node.type === "linkReference" || node.type === "imageReference") {
      const def = ctx.definitions.get(labelKey(node.label ?? node.identifier));
      if (!def) continue;
      let inner: string;
      if (node.type === "imageReference") inner = `![${(node.alt ?? "").replace(/[[\]]/g, "\\$&")}]`;
      else {
        const [first, last] = [node.children[0], node.children.at(-1)];
        const [is, ie] = [first?.position?.start.offset, last?.position?.end.offset];
        inner = `[${is === undefined || ie === undefined ? "" : resolvedSource(ctx, is, ie, node.children)}]`;
      }
      out += ctx.src.slice(at, s) + `${inner}(${destination(def.url, def.title)})`;
      at = e;
    } else if ("children" in node && node.children.length > 0) {
      out += ctx.src.slice(at, s) + resolvedSource(ctx, s, e, node.children as Nodes[]);
      at = e;
    }
  }
  return out + ctx.src.slice(at, end);
}

/** The `> ` markers a line inside `depth` block quotes starts with. */
const quotePrefix = (depth: number) => (depth === 0 ? "" : `(?:[ \\t]{0,3}>[ \\t]?){0,${depth}}`);

/** The source of a block, without the indentation or quote markers of what encloses it. */
export function sourceOf(node: Nodes, ctx: ItemContext): string {
  const start = node.position?.start;
  const [s, e] = offsets(node);
  if (!start || s === undefined || e === undefined) return "";
  const text = "children" in node ? resolvedSource(ctx, s, e, node.children as Nodes[]) : ctx.src.slice(s, e);
  // The node's column counts the quote markers of its first line; later lines lose those first.
  const lineStart = ctx.src.lastIndexOf("\n", s - 1) + 1;
  const firstPrefix = new RegExp(`^${quotePrefix(ctx.quoteDepth)}`).exec(ctx.src.slice(lineStart, s))?.[0].length ?? 0;
  const indent = Math.max(0, start.column - 1 - firstPrefix);
  return text.replace(new RegExp(`\\n${quotePrefix(ctx.quoteDepth)}[ \\t]{0,${indent}}`, "g"), "\n");
}

function inlineText(item: ListItem, ctx: ItemContext): { text: string; preflight?: Record<string, string> } {
  const first = item.children[0];
  if (first?.type !== "paragraph") return { text: "" };
  // The paragraph's own start may still point at "[ ]"; its first child never does.
  const start = first.children[0]?.position?.start.offset;
  const end = first.children.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined) return { text: "" };
  let preflight: Record<string, string> | undefined;
  // Soft and hard line breaks inside an item become spaces: item text is a single line.
  const text = neutraliseLinks(
    resolvedSource(ctx, start, end, first.children)
      .replace(new RegExp(`\\\\?[ \\t]*\\n${quotePrefix(ctx.quoteDepth)}[ \\t]*`, "g"), " ")
      .replace(PREFLIGHT_INLINE, (comment) => {
        preflight = readPreflightComment(comment, ctx.sink.preflightProblems) ?? undefined;
        return "";
      })
      .trim(),
  );
  // GFM needs words after "[ ]" to call it a task; a bare box is still an empty task to us.
  return { text: /^\[[ xX]\]$/.test(text) ? "" : text, ...(preflight ? { preflight } : {}) };
}

function withDetails(item: ParsedItem, parts: string[]): ParsedItem {
  const details = neutraliseLinks(parts.filter(Boolean).join("\n\n"));
  return details ? { ...item, details: item.details ? `${item.details}\n\n${details}` : details } : item;
}

/**
 * One entry of an item list. A box (or a step) keeps what is under it: lists with boxes are
 * its sub-items, everything else — plain bullets, sub-steps, paragraphs, code, a
 * `<details>` block — is its details. `lead` receives what belongs to no item.
 */
function toItem(item: ListItem, ctx: ItemContext, lead: string[]): ParsedItem[] {
  if (item.checked === true) ctx.sink.ticked++;
  const read = inlineText(item, ctx);
  const text = read.text;
  let preflight = read.preflight;
  const children: ParsedItem[] = [];
  const details: string[] = [];
  item.children.forEach((child, i) => {
    if (i === 0 && child.type === "paragraph") return;
    if (child.type === "list" && hasTask(child)) children.push(...toItems(child, ctx, details));
    else if (child.type === "html" && readPreflightComment(child.value, null)) {
      preflight ??= readPreflightComment(child.value, ctx.sink.preflightProblems) ?? undefined;
    } else details.push(sourceOf(child, ctx).trim());
  });
  if (text !== "") return [withDetails({ text, children, ...(preflight ? { preflight } : {}) }, details)];
  // A marker with no words is no item; lift its sub-items so nothing is lost.
  if (children.length === 0) ctx.sink.emptySkipped++;
  lead.push(...details.filter(Boolean));
  return children;
}

/**
 * The items of a list. In a list of boxes, a plain bullet (no box anywhere inside it) is a
 * detail of the box before it; before any box it goes to `lead` (reference text). In a
 * procedure's numbered list (`steps`), every entry is a step.
 */
export function toItems(list: List, ctx: ItemContext, lead: string[], steps = false): ParsedItem[] {
  const items: ParsedItem[] = [];
  for (const entry of list.children) {
    if (steps || hasTask(entry)) {
      if (ctx.quoteDepth > 0 && entry.position) ctx.sink.quotedLines.push(entry.position.start.line);
      items.push(...toItem(entry, ctx, lead));
      continue;
    }
    const source = neutraliseLinks(sourceOf(entry, ctx).trim());
    const previous = items.at(-1);
    if (previous) items[items.length - 1] = withDetails(previous, [source]);
    else lead.push(source);
  }
  return items;
}

/** "lines 7–8, 12": consecutive lines as ranges. */
export function formatLines(lines: number[]): string {
  const ranges: string[] = [];
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return `${sorted.length === 1 ? "line" : "lines"} ${ranges.join(", ")}`;
}

/**
 * A block quote with tasks in it: its task lists become items (so a "> - [ ] …" note is not
 * lost), its other blocks go to `lead` as section text.
 */
export function quotedItems(quote: RootContent, ctx: ItemContext, lead: string[]): ParsedItem[] {
  if (quote.type !== "blockquote") return [];
  const inner: ItemContext = { ...ctx, quoteDepth: ctx.quoteDepth + 1 };
  const items: ParsedItem[] = [];
  for (const block of quote.children) {
    if (block.type === "list" && hasTask(block)) items.push(...toItems(block, inner, lead));
    else if (block.type === "blockquote" && hasTask(block)) items.push(...quotedItems(block, inner, lead));
    else lead.push(sourceOf(block, inner).trim());
  }
  return items;
}
