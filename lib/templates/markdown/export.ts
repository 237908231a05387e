// Template → Markdown that parseTemplateMarkdown reads back to the same structure.
import type { Heading } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import { classify, formatTag, isProcedure, readHeading, resolveHints } from "./classify";
import { formatFrontMatter } from "./front-matter";
import { parseMarkdown } from "./mdast";
import { neutraliseLinks } from "./html";
import { writePreflightComment } from "./preflight";
import { findReviewIntervals, reviewFooter } from "./review";
import { sectionShape } from "./sections";
import type { ParsedItem, ParsedSection, ParsedTemplate } from "./types";

function heading(depth: Heading["depth"], text: string): string {
  return toMarkdown({ type: "heading", depth, children: [{ type: "text", value: text }] }).trimEnd();
}

/**
 * Every section is an H2 so none inherits from another. A tag such as "[Procedure]" is added
 * only when the title's own words would be read differently (or the section is empty, since
 * untagged empty headings are skipped on import).
 */
function sectionHeading(s: ParsedSection, body: string): string {
  const { title, hints } = readHeading(s.title);
  const hasItems = s.items.length > 0;
  const resolved = resolveHints([hints]);
  // Read back by the importer's rules: numbered steps and no boxes are a procedure, a
  // table beside no boxes is items, so such content alone would give the section items.
  const blocks = parseMarkdown(body).children;
  const shape = sectionShape(blocks);
  const procedure = isProcedure(resolved, shape);
  const table = !shape.boxes && blocks.some((b) => b.type === "table");
  const read = classify(resolved, hasItems || procedure || table, procedure);
  const exact =
    title === s.title &&
    (hasItems || s.content !== null) &&
    read.kind === s.kind &&
    read.priority === s.priority &&
    read.cadence === s.cadence;
  return exact ? heading(2, s.title) : `${heading(2, s.title)} ${formatTag(s)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** A blank line around details; where two meet, or at the end, one or none is needed. */
const GAP = "\u0000";
function closeGaps(lines: string[]): string[] {
  return lines
    .filter((line, i) => line !== GAP || (i > 0 && i < lines.length - 1 && lines[i + 1] !== GAP))
    .map((line) => (line === GAP ? "" : line));
}

/** Details go under their item's line, indented to its content, after a blank line (else they would join its text). */
function detailLines(details: string | null | undefined, indent: string): string[] {
  if (!details?.trim()) return [];
  const lines = neutraliseLinks(details.trim()).split("\n");
  return [GAP, ...lines.map((line) => (line === "" ? "" : indent + line)), GAP];
}

function itemLine(item: ParsedItem): string {
  const comment =
    item.preflight && Object.keys(item.preflight).length ? ` ${writePreflightComment(item.preflight)}` : "";
  return `${neutraliseLinks(oneLine(item.text))}${comment}`;
}

/** Task lists nest by two spaces; numbered steps need their marker's width; steps' sub-items are boxes. */
function itemLines(items: ParsedItem[], style: "task" | "step", marker: string, indent = ""): string[] {
  const lines = items.flatMap((item, i) => {
    const prefix = style === "step" ? `${i + 1}${marker}` : `${marker} [ ]`;
    const childIndent = indent + " ".repeat((style === "task" ? marker.length : prefix.length) + 1);
    return [
      `${indent}${prefix} ${itemLine(item)}`,
      ...detailLines(item.details, childIndent),
      ...itemLines(item.children, "task", "-", childIndent),
    ];
  });
  return indent === "" ? closeGaps(lines) : lines;
}

/** Markdown joins adjacent lists with the same marker, so avoid the marker content ends with. */
function freeMarker(content: string | null, candidates: string[]): string {
  const last = content === null ? undefined : parseMarkdown(content).children.at(-1);
  const start = last?.type === "list" ? last.position?.start.offset : undefined;
  const used = start === undefined || !content ? "" : (/^\s*\d*([-*+.)])/.exec(content.slice(start))?.[1] ?? "");
  return candidates.find((c) => c !== used) ?? "-";
}

/** What goes under a section's heading: its reference text, then its items. */
function sectionBody(s: ParsedSection): string {
  const parts: string[] = [];
  const content = s.content?.trim() || null;
  if (content) parts.push(content);
  if (s.items.length > 0) {
    const lines =
      s.kind === "PROCEDURE"
        ? itemLines(s.items, "step", freeMarker(content, [".", ")"]))
        : itemLines(s.items, "task", freeMarker(content, ["-", "*", "+"]));
    parts.push(lines.join("\n"));
  }
  return parts.join("\n\n");
}

function sectionMarkdown(s: ParsedSection): string {
  const body = sectionBody(s);
  return [sectionHeading(s, body), ...(body ? [body] : [])].join("\n\n");
}

/**
 * What the file had under its H1 (the importer names that section after the template) goes
 * back under the H1, unless it would then be read as another kind or priority.
 */
function introMarkdown(t: ParsedTemplate): string | null {
  const first = t.sections[0];
  if (!first || first.title !== t.title) return null;
  const body = sectionBody(first);
  return body && sectionHeading(first, body) === heading(2, first.title) ? body : null;
}

export function exportTemplateMarkdown(t: ParsedTemplate): string {
  const intro = introMarkdown(t);
  const sections = intro === null ? t.sections : t.sections.slice(1);
  const body = [heading(1, t.title), ...(intro === null ? [] : [intro]), ...sections.map(sectionMarkdown)].join("\n\n");
  // Content may already carry the footer (it is kept on import); don't stack a second one.
  const stated = findReviewIntervals(parseMarkdown(body)).at(-1);
  const footer = stated === t.reviewIntervalDays ? "" : `\n\n${reviewFooter(t.reviewIntervalDays)}`;
  const front = t.metadata && Object.keys(t.metadata).length > 0 ? formatFrontMatter(t.metadata) : "";
  return `${front}${body}${footer}\n`;
}
