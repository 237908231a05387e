// Replaces one item's state in a checklist and recomputes readiness and verification: used
// for optimistic updates, for the server's answer, and for the current state a 409 carries.
import { readinessOfSections, verificationOfSections } from "@/lib/checklists/readiness";
import type { Checklist, ChecklistItem } from "@/lib/checklists/types";
import type { ItemStateView } from "@/lib/deployments/item-state-view";

export function withItemState(checklist: Checklist, state: ItemStateView): Checklist {
  const patch = (items: ChecklistItem[]): ChecklistItem[] =>
    items.map((item) =>
      item.id === state.itemId
        ? { ...item, state }
        : item.children.length
          ? { ...item, children: patch(item.children) }
          : item,
    );
  const sections = checklist.sections.map((section) => ({ ...section, items: patch(section.items) }));
  return {
    ...checklist,
    sections,
    readiness: readinessOfSections(sections),
    verification: verificationOfSections(sections),
  };
}

export function findItem(checklist: Checklist, itemId: string): ChecklistItem | null {
  const search = (items: ChecklistItem[]): ChecklistItem | null => {
    for (const item of items) {
      if (item.id === itemId) return item;
      const found = search(item.children);
      if (found) return found;
    }
    return null;
  };
  for (const section of checklist.sections) {
    const found = search(section.items);
    if (found) return found;
  }
  return null;
}

export function findItemState(checklist: Checklist, itemId: string): ItemStateView | null {
  return findItem(checklist, itemId)?.state ?? null;
}
