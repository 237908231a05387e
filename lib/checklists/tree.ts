// Walking a checklist's item trees; shared by the server and the browser (optimistic updates).
// Readiness of a loaded checklist is the readiness module's (readinessOfSections).
import type { ChecklistItem } from "@/lib/checklists/types";

export function leavesOf(items: ChecklistItem[]): ChecklistItem[] {
  return items.flatMap((item) => (item.children.length ? leavesOf(item.children) : [item]));
}

/** Derived progress of a parent: settled leaves below it over all leaves below it. */
export function itemProgress(item: ChecklistItem): { settled: number; total: number } {
  const leaves = leavesOf([item]);
  return { settled: leaves.filter((leaf) => leaf.state && leaf.state.status !== "OPEN").length, total: leaves.length };
}
