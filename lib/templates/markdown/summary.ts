// Counts for the CLI / preview, and the stable JSON shape used to import a parsed template.
import type { Cadence, ParsedItem, ParsedTemplate, Priority, SectionKind } from "./types";

/** Items without sub-items, at any depth: the boxes someone actually ticks. */
export function countLeaves(items: ParsedItem[]): number {
  return items.reduce((n, item) => n + (item.children.length > 0 ? countLeaves(item.children) : 1), 0);
}

export type SectionSummary = {
  title: string;
  kind: SectionKind;
  priority: Priority | null;
  cadence: Cadence | null;
  leafItems: number;
  hasContent: boolean;
};

export type TemplateSummary = {
  title: string;
  reviewIntervalDays: number;
  sections: SectionSummary[];
  totalLeafItems: number;
};

export function summarizeTemplate(t: ParsedTemplate): TemplateSummary {
  const sections = t.sections.map((s) => ({
    title: s.title,
    kind: s.kind,
    priority: s.priority,
    cadence: s.cadence,
    leafItems: countLeaves(s.items),
    hasContent: s.content !== null,
  }));
  const totalLeafItems = sections.reduce((n, s) => n + s.leafItems, 0);
  return { title: t.title, reviewIntervalDays: t.reviewIntervalDays, sections, totalLeafItems };
}

/** One line per section, e.g. "PRE_DEPLOYMENT   CRITICAL      27  🔴 CRITICAL - Must Complete". */
export function formatSummary(s: TemplateSummary): string {
  const rows = s.sections.map((sec) => {
    const qualifier = [sec.priority, sec.cadence].filter(Boolean).join(" ");
    const count = sec.kind === "REFERENCE" && sec.leafItems === 0 ? "—" : String(sec.leafItems);
    return `  ${sec.kind.padEnd(16)} ${qualifier.padEnd(12)} ${count.padStart(4)}  ${sec.title}`;
  });
  return [
    `${s.title} (review every ${s.reviewIntervalDays} days)`,
    ...rows,
    `  ${s.sections.length} sections, ${s.totalLeafItems} items`,
  ].join("\n");
}

/** `details`: the Markdown under the item that is not a box, null when there is none. */
export type ImportJsonItem = { text: string; details: string | null; children: ImportJsonItem[] };
export type ImportJson = {
  title: string;
  reviewIntervalDays: number;
  sections: {
    title: string;
    kind: SectionKind;
    priority: Priority | null;
    cadence: Cadence | null;
    /** The section's reference text (everything under its heading that is not an item), as Markdown. */
    content: string | null;
    items: ImportJsonItem[];
  }[];
  /** Front matter besides the title, as written. */
  metadata: Record<string, string>;
};

function itemJson(item: ParsedItem): ImportJsonItem {
  return { text: item.text, details: item.details ?? null, children: item.children.map(itemJson) };
}

/** The import JSON, in a fixed key order: everything an import would store. */
export function toImportJson(t: ParsedTemplate): ImportJson {
  return {
    title: t.title,
    reviewIntervalDays: t.reviewIntervalDays,
    sections: t.sections.map((s) => ({
      title: s.title,
      kind: s.kind,
      priority: s.priority,
      cadence: s.cadence,
      content: s.content,
      items: s.items.map(itemJson),
    })),
    metadata: t.metadata ?? {},
  };
}
