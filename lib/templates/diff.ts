// What changed between two versions of a template, matched by stable keys.
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";

type FlatItem = {
  key: string;
  text: string;
  details: string;
  section: string;
  parentKey: string | null;
  position: number;
};

export type VersionDiff = {
  title: { from: string; to: string } | null;
  /** The whole checklist's approver group (slugs; null: none), when it changed. */
  approverGroup: { from: string | null; to: string | null } | null;
  sectionsAdded: string[];
  sectionsRemoved: string[];
  sectionsChanged: { title: string; changes: string[] }[];
  itemsAdded: { section: string; text: string }[];
  itemsRemoved: { section: string; text: string }[];
  itemsChanged: { section: string; from: string; to: string }[];
  itemsMoved: { section: string; text: string }[];
  /** Items whose details (the Markdown under the box) were edited. */
  itemsDetailsChanged: { section: string; text: string }[];
};

export function diffStructures(before: TemplateStructure, after: TemplateStructure): VersionDiff {
  const oldSections = new Map(before.sections.map((s, position) => [s.key, { ...s, position }]));
  const newSections = new Map(after.sections.map((s, position) => [s.key, { ...s, position }]));
  const sectionsChanged: VersionDiff["sectionsChanged"] = [];
  for (const [key, next] of newSections) {
    const prev = oldSections.get(key);
    if (!prev) continue;
    const changes: string[] = [];
    if (prev.title !== next.title) changes.push(`renamed from “${prev.title}”`);
    if (prev.kind !== next.kind) changes.push(`kind ${prev.kind} → ${next.kind}`);
    if (prev.priority !== next.priority)
      changes.push(`priority ${prev.priority ?? "none"} → ${next.priority ?? "none"}`);
    if (prev.cadence !== next.cadence) changes.push(`cadence ${prev.cadence ?? "none"} → ${next.cadence ?? "none"}`);
    if (prev.position !== next.position)
      changes.push(`moved from position ${prev.position + 1} to ${next.position + 1}`);
    if ((prev.content ?? "") !== (next.content ?? "")) changes.push("reference text edited");
    if ((prev.approverGroup ?? null) !== (next.approverGroup ?? null))
      changes.push(`approver group ${prev.approverGroup ?? "none"} → ${next.approverGroup ?? "none"}`);
    if (changes.length) sectionsChanged.push({ title: next.title, changes });
  }
  const oldItems = flatten(before);
  const newItems = flatten(after);
  const itemsChanged: VersionDiff["itemsChanged"] = [];
  const itemsMoved: VersionDiff["itemsMoved"] = [];
  const itemsDetailsChanged: VersionDiff["itemsDetailsChanged"] = [];
  for (const [key, next] of newItems) {
    const prev = oldItems.get(key);
    if (!prev) continue;
    if (prev.text !== next.text) itemsChanged.push({ section: next.section, from: prev.text, to: next.text });
    if (prev.details !== next.details) itemsDetailsChanged.push({ section: next.section, text: next.text });
    if (prev.section !== next.section || prev.parentKey !== next.parentKey || prev.position !== next.position) {
      itemsMoved.push({ section: next.section, text: next.text });
    }
  }
  return {
    title: before.title === after.title ? null : { from: before.title, to: after.title },
    approverGroup:
      (before.approverGroup ?? null) === (after.approverGroup ?? null)
        ? null
        : { from: before.approverGroup ?? null, to: after.approverGroup ?? null },
    sectionsAdded: [...newSections.values()].filter((s) => !oldSections.has(s.key)).map((s) => s.title),
    sectionsRemoved: [...oldSections.values()].filter((s) => !newSections.has(s.key)).map((s) => s.title),
    sectionsChanged,
    itemsAdded: [...newItems.values()]
      .filter((i) => !oldItems.has(i.key))
      .map(({ section, text }) => ({ section, text })),
    itemsRemoved: [...oldItems.values()]
      .filter((i) => !newItems.has(i.key))
      .map(({ section, text }) => ({ section, text })),
    itemsChanged,
    itemsMoved,
    itemsDetailsChanged,
  };
}

export function isEmptyDiff(diff: VersionDiff): boolean {
  return (
    !diff.title &&
    !diff.approverGroup &&
    Object.entries(diff).every(
      ([key, value]) => key === "title" || key === "approverGroup" || (Array.isArray(value) && value.length === 0),
    )
  );
}

function flatten(structure: TemplateStructure): Map<string, FlatItem> {
  const items = new Map<string, FlatItem>();
  const visit = (children: StructureItem[], section: string, parentKey: string | null) =>
    children.forEach((item, position) => {
      items.set(item.key, {
        key: item.key,
        text: item.text,
        details: item.details?.trim() ?? "",
        section,
        parentKey,
        position,
      });
      visit(item.children, section, item.key);
    });
  for (const section of structure.sections) visit(section.items, section.title, null);
  return items;
}
