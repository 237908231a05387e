// Walking a checklist's item trees; shared by the server and the browser (optimistic updates).
import {
  computeReadiness,
  computeVerification,
  type Counts,
  type PriorityKey,
  type Readiness,
  type ReadinessCounts,
  type Verification,
} from "@/lib/checklists/readiness";
import type { ChecklistItem, ChecklistSection } from "@/lib/checklists/types";

/** Readiness from loaded sections (the page already has every item): pre-deployment only. */
export function readinessOfSections(sections: Pick<ChecklistSection, "kind" | "priority" | "items">[]): Readiness {
  const counts: ReadinessCounts = {};
  for (const section of sections) {
    if (section.kind !== "PRE_DEPLOYMENT") continue;
    const key: PriorityKey = section.priority ?? "NONE";
    const bucket = (counts[key] ??= { total: 0, done: 0, notApplicable: 0 });
    addLeaves(bucket, section.items);
  }
  return computeReadiness(counts);
}

/** Progress of the post-deployment verification items. */
export function verificationOfSections(sections: Pick<ChecklistSection, "kind" | "items">[]): Verification {
  const counts: Counts = { total: 0, done: 0, notApplicable: 0 };
  for (const section of sections) if (section.kind === "POST_DEPLOYMENT") addLeaves(counts, section.items);
  return computeVerification(counts);
}

function addLeaves(bucket: Counts, items: ChecklistItem[]): void {
  for (const leaf of leavesOf(items)) {
    bucket.total++;
    if (leaf.state?.status === "DONE") bucket.done++;
    if (leaf.state?.status === "NOT_APPLICABLE") bucket.notApplicable++;
  }
}

export function leavesOf(items: ChecklistItem[]): ChecklistItem[] {
  return items.flatMap((item) => (item.children.length ? leavesOf(item.children) : [item]));
}

/** Derived progress of a parent: settled leaves below it over all leaves below it. */
export function itemProgress(item: ChecklistItem): { settled: number; total: number } {
  const leaves = leavesOf([item]);
  return { settled: leaves.filter((leaf) => leaf.state && leaf.state.status !== "OPEN").length, total: leaves.length };
}
