// Markdown → checklist template. Pure: the caller reads the file, this only interprets it.
// The rules it follows: README.md in this folder; why they are so: docs/decisions/0004-markdown-import.md.
import type { Heading, Root, RootContent } from "mdast";
import { classify, explain, isProcedure, NO_HINTS, readHeading, resolveHints, type Hints } from "./classify";
import { MAX_CONTAINERS, splitPoints, type Split } from "./chunks";
import { decodeInput } from "./decode";
import { frontMatterTitle, readFrontMatter } from "./front-matter";
import {
  formatLines,
  hasTask,
  isItemList,
  linkDefinitions,
  newItemSink,
  quotedItems,
  sourceOf,
  toItems,
  type ItemContext,
} from "./items";
import { parseMarkdown } from "./mdast";
import { repairMojibake } from "./mojibake";
import { findReviewIntervals, withoutReviewFooter } from "./review";
import { disambiguate, headingText, sectionShape, tableItems } from "./sections";
import { DEFAULT_REVIEW_INTERVAL_DAYS, type ParsedItem, type ParsedSection, type ParseResult } from "./types";

export type * from "./types";

const NO_CHECKLIST = "No checklist content found: the file has no headings with task lists or numbered steps.";

/** The blocks under one heading (up to the next heading of any depth). */
type RawSection = {
  heading: Heading | null;
  title: string;
  /** The nearest enclosing heading's title (not the template's), for telling siblings apart. */
  parent: string | null;
  chain: Hints[];
  blocks: RootContent[];
};

function splitByHeadings(root: Root, titleHeading: Heading | null, templateTitle: string): RawSection[] {
  // Without an H1, what comes before the first heading is a leading section of its own.
  let current: RawSection = { heading: null, title: templateTitle, parent: null, chain: [NO_HINTS], blocks: [] };
  const raws = [current];
  const open: { depth: number; hints: Hints; title: string | null }[] = [];
  for (const node of root.children) {
    if (node.type !== "heading") {
      current.blocks.push(node);
      continue;
    }
    const { title, hints } = readHeading(headingText(node));
    while ((open.at(-1)?.depth ?? 0) >= node.depth) open.pop();
    const chain = [hints, ...open.map((o) => o.hints).reverse()];
    // The title names the template; letting it classify everything below would turn every
    // section of a "Post-launch runbook" into a procedure and break export round trips.
    const parent = open.at(-1)?.title ?? null;
    open.push({
      depth: node.depth,
      hints: node === titleHeading ? NO_HINTS : hints,
      title: node === titleHeading ? null : title,
    });
    current = { heading: node, title, parent, chain, blocks: [] };
    raws.push(current);
  }
  const [preamble, first] = raws;
  // Text before the title heading belongs with the text right under it.
  if (preamble && titleHeading && first?.heading === titleHeading) {
    first.blocks.unshift(...preamble.blocks);
    raws.shift();
  }
  return raws;
}

type Built = { section: ParsedSection; why: string; parent: string | null };

function buildSection(raw: RawSection, ctx: ItemContext): Built | null {
  const resolved = resolveHints(raw.chain);
  const shape = sectionShape(raw.blocks);
  // Structure decides: numbered steps and no boxes are a procedure, in any language.
  const procedure = isProcedure(resolved, shape);
  const items: ParsedItem[] = [];
  const parts: string[] = [];
  for (const block of raw.blocks) {
    if (block.type === "list" && isItemList(block, procedure)) {
      // Plain bullets before the first box of a list are reference text, in their place.
      items.push(...toItems(block, ctx, parts, block.ordered === true && procedure));
    } else if (block.type === "table" && !shape.boxes && !procedure && resolved.kind !== "REFERENCE") {
      const rows = tableItems(
        block,
        (node) => sourceOf(node, ctx),
        () => ctx.sink.emptySkipped++,
      );
      if (rows.length > 0) items.push(...rows);
      else parts.push(sourceOf(block, ctx).trim());
    } else if (block.type === "blockquote" && hasTask(block)) {
      items.push(...quotedItems(block, ctx, parts));
    } else {
      parts.push(sourceOf(block, ctx).trim());
    }
  }
  const content = parts.filter(Boolean).join("\n\n") || null;
  // A tagged heading (written by the exporter) is kept even when empty, so export is lossless.
  if (items.length === 0 && content === null && !resolved.final) return null;
  const hasItems = items.length > 0;
  const classification = classify(resolved, hasItems, procedure);
  return {
    // The leading section of an untitled file is named by the caller, with the template.
    section: { title: raw.title || (raw.heading ? "Untitled section" : ""), ...classification, items, content },
    why: explain(classification, resolved, shape, hasItems),
    parent: raw.parent,
  };
}

function tooManyContainers(split: Split): string | null {
  const n = (count: number) => count.toLocaleString("en-US");
  if (split.containers > MAX_CONTAINERS) {
    return (
      `The file has too many list items and quotes: ${n(split.containers)}, at most ${n(MAX_CONTAINERS)} ` +
      `(number ${n(MAX_CONTAINERS + 1)} is on line ${split.overLimitLine}). Split it into several templates.`
    );
  }
  return null;
}

export type ParseOptions = {
  /** The title when the file has no H1 and its front matter names none (the CLI: the file's name). */
  fallbackTitle?: string;
};

export function parseTemplateMarkdown(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const decoded = decodeInput(input);
  if (!decoded.ok) return decoded;
  const { text: source, repaired } = repairMojibake(decoded.text);
  const front = readFrontMatter(source);
  // Blanked, not cut, so every offset and line number still points into the file.
  const src = front?.body ?? source;
  const split = splitPoints(src);
  const tooBusy = tooManyContainers(split);
  if (tooBusy) return { ok: false, error: tooBusy };
  const root = parseMarkdown(src, split);

  const headings = root.children.filter((n): n is Heading => n.type === "heading" && headingText(n) !== "");
  const titleHeading = headings.find((h) => h.depth === 1) ?? null;
  const named = front ? frontMatterTitle(front.metadata) : null;
  // An empty title means "ask": the browser preview prompts for one.
  const title = titleHeading ? headingText(titleHeading) : (named?.title ?? options.fallbackTitle?.trim() ?? "");
  const metadata = Object.fromEntries(
    Object.entries(front?.metadata ?? {}).filter(([key]) => key !== named?.key || titleHeading),
  );

  const warnings: string[] = [];
  const sink = newItemSink();
  const ctx: ItemContext = { src, definitions: linkDefinitions(root), sink, quoteDepth: 0 };
  const raws = splitByHeadings(root, titleHeading, title);
  const built: Built[] = [];
  raws.forEach((raw, i) => {
    const section = buildSection(raw, ctx);
    if (section) built.push(section);
    const next = raws[i + 1]?.heading;
    // Parent headings ("## Pre-Deployment Checklist") are meant to be empty; leaf ones are not.
    const isParent = raw.heading && next && next.depth > raw.heading.depth;
    if (!section && raw.heading && !isParent) warnings.push(`Heading “${raw.title}” has nothing under it; skipped.`);
  });
  const titles = disambiguate(built.map((b) => ({ title: b.section.title, parent: b.parent })));
  const sections: ParsedSection[] = built.map((b, i) => ({ ...b.section, title: titles[i]! }));
  // The exporter's own footer states the interval; it is not the last section's text.
  const last = sections.at(-1);
  if (last) {
    last.content = withoutReviewFooter(last.content);
    if (last.content === null && last.items.length === 0 && sections.length > 1) sections.pop();
  }
  if (!sections.some((s) => s.items.length > 0)) return { ok: false, error: NO_CHECKLIST };

  const intervals = findReviewIntervals(root);
  // The footer comes last, so when a file states several intervals the last one wins.
  const reviewIntervalDays = intervals.at(-1) ?? DEFAULT_REVIEW_INTERVAL_DAYS;
  if (new Set(intervals).size > 1) {
    warnings.push(
      `The file states several review intervals (${intervals.join(", ")} days); using ${reviewIntervalDays}.`,
    );
  }
  if (repaired > 0) {
    warnings.push(
      `Repaired ${repaired} garbled character sequence(s) (UTF-8 text that had been read as Windows-1252).`,
    );
  }
  if (sink.ticked > 0) warnings.push(`${sink.ticked} ticked item(s) ([x]) were imported unticked.`);
  if (sink.emptySkipped > 0) warnings.push(`Skipped ${sink.emptySkipped} empty list item(s).`);
  if (sink.quotedLines.length > 0) {
    const n = sink.quotedLines.length;
    warnings.push(`Imported ${n} task item(s) found inside block quotes (${formatLines(sink.quotedLines)}).`);
  }
  warnings.push(...sink.preflightProblems);
  const template = { title, reviewIntervalDays, sections, ...(Object.keys(metadata).length > 0 ? { metadata } : {}) };
  return { ok: true, template, warnings, why: built.map((b) => b.why) };
}
