// The stored structure's limits (structure.ts) as refusals a person can act on: what was
// found, where (line) and what to do. Checked by every read of a file, so the dry run and the
// preview refuse exactly what the import would.
import type { z } from "zod";
import { withDerivedKeys } from "@/lib/templates/derive-keys";
import type { ParsedItem, ParsedSection, ParsedTemplate } from "@/lib/templates/markdown/types";
import { structureSchema, type TemplateStructure } from "@/lib/templates/structure";

const n = (count: number) => count.toLocaleString("en-US");

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** The 1-based line where `needle` (its first words) first appears, if it does. */
function lineOf(source: string, needle: string): number | null {
  const probe = needle.replace(/\s+/g, " ").trim().slice(0, 40);
  if (!probe) return null;
  const index = source.indexOf(probe);
  return index === -1 ? null : source.slice(0, index).split("\n").length;
}

const at = (line: number | null) => (line === null ? "" : ` (line ${line})`);

// Titles may carry a parent's context ("Performance › Best practices"): the heading has the last part.
const sectionLine = (source: string, section: ParsedSection) =>
  lineOf(source, section.title.split(" › ").at(-1) ?? section.title);

function problemOf(template: ParsedTemplate, issue: z.core.$ZodIssue, source: string): string {
  const path = issue.path;
  const maximum = issue.code === "too_big" ? Number(issue.maximum) : null;
  const section = typeof path[1] === "number" ? template.sections[path[1]] : undefined;
  let item: ParsedItem | undefined;
  let items = section?.items;
  for (let i = 2; section && i + 1 < path.length; i += 2) {
    const index = path[i + 1];
    if ((path[i] !== "items" && path[i] !== "children") || typeof index !== "number") break;
    item = items?.[index];
    items = item?.children;
  }
  const sectionName = section ? `section “${excerpt(section.title)}”${at(sectionLine(source, section))}` : "";
  const itemName = item ? `The item “${excerpt(item.text)}”${at(lineOf(source, item.text))} in ${sectionName}` : "";
  const last = path.at(-1);

  if (maximum !== null && path.length === 1 && last === "sections") {
    const extra = template.sections[maximum];
    const where = extra
      ? `; section ${n(maximum + 1)} is “${excerpt(extra.title)}”${at(sectionLine(source, extra))}`
      : "";
    return (
      `The file has ${n(template.sections.length)} sections (each heading with content starts one)${where}; ` +
      `a template holds at most ${n(maximum)}. Merge small sections under fewer headings, or split the file into two templates.`
    );
  }
  if (maximum !== null && item && last === "text") {
    return (
      `${itemName} has ${n(item.text.trim().length)} characters; an item holds at most ${n(maximum)}. ` +
      "Shorten it, and put the longer explanation in the text under the list."
    );
  }
  if (maximum !== null && item && last === "children") {
    return `${itemName} has ${n(item.children.length)} sub-items; an item holds at most ${n(maximum)}. Split it into several items or sections.`;
  }
  if (maximum !== null && section && last === "items" && path.length === 3) {
    return `The ${sectionName} has ${n(section.items.length)} items; a section holds at most ${n(maximum)}. Split it with more headings.`;
  }
  if (maximum !== null && section && last === "title") {
    return `The heading of ${sectionName} is ${n(section.title.length)} characters long; a section title holds at most ${n(maximum)}. Shorten it.`;
  }
  if (maximum !== null && section && last === "content") {
    return `The text under ${sectionName} is ${n(section.content?.length ?? 0)} characters long; a section holds at most ${n(maximum)}. Split it with more headings.`;
  }
  if (maximum !== null && path.length === 1 && last === "title") {
    return `The title${at(lineOf(source, template.title))} is ${n(template.title.length)} characters long; at most ${n(maximum)}. Shorten the first heading.`;
  }
  if (path.length === 1 && last === "reviewIntervalDays") {
    return `The file's “Next Review” interval is ${n(template.reviewIntervalDays)} days; it must be between 1 and 3,650 days. Change that line.`;
  }
  const where = itemName || (sectionName ? `In ${sectionName}` : "");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The parsed template as it would be stored, or the first limit it breaks, in words. */
export function checkStructure(
  template: ParsedTemplate,
  source: string,
): { ok: true; structure: TemplateStructure } | { ok: false; error: string } {
  const parsed = structureSchema.safeParse(withDerivedKeys(template));
  if (parsed.success) return { ok: true, structure: parsed.data };
  return { ok: false, error: problemOf(template, parsed.error.issues[0]!, source) };
}
