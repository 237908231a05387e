// Keys for a freshly parsed template, derived from titles and item texts: importing the
// same Markdown again yields the same keys, so a re-import matches unchanged items too.
import { createHash } from "node:crypto";
import type { ParsedItem, ParsedTemplate } from "@/lib/templates/markdown/types";
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";

export function withDerivedKeys(parsed: ParsedTemplate): TemplateStructure {
  const used = new Set<string>();
  const unique = (base: string) => {
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
    used.add(candidate);
    return candidate;
  };
  const sections = parsed.sections.map((section) => {
    const sectionKey = unique(`s-${digest(section.title)}`);
    const keyItems = (items: ParsedItem[], path: string): StructureItem[] =>
      items.map((item) => {
        const itemPath = `${path}\u0000${item.text}`;
        // Keys come from the text alone, so editing an item's details keeps its state.
        return {
          key: unique(`i-${digest(itemPath)}`),
          text: item.text,
          ...(item.details ? { details: item.details } : {}),
          children: keyItems(item.children, itemPath),
        };
      });
    return { ...section, key: sectionKey, items: keyItems(section.items, section.title) };
  });
  return {
    title: parsed.title,
    reviewIntervalDays: parsed.reviewIntervalDays,
    sections,
    ...(parsed.metadata ? { metadata: parsed.metadata } : {}),
  };
}

function digest(text: string): string {
  return createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 12);
}
