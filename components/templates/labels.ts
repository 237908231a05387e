// Human labels for section classifications, shared by the import preview and the editor.
import {
  CADENCES,
  PRIORITIES,
  SECTION_KINDS,
  type Cadence,
  type Priority,
  type SectionKind,
} from "@/lib/templates/markdown/types";

export const kindLabels: Record<SectionKind, string> = {
  PRE_DEPLOYMENT: "Pre-deployment",
  POST_DEPLOYMENT: "Post-deployment",
  MAINTENANCE: "Maintenance",
  PROCEDURE: "Procedure",
  REFERENCE: "Reference",
};

export const priorityLabels: Record<Priority, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  RECOMMENDED: "Recommended",
};

export const cadenceLabels: Record<Cadence, string> = {
  DAILY: "Daily",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  QUARTERLY: "Quarterly",
  ANNUALLY: "Annually",
};

export const kindOptions = SECTION_KINDS.map((value) => ({ value, label: kindLabels[value] }));
export const priorityOptions = PRIORITIES.map((value) => ({ value, label: priorityLabels[value] }));
export const cadenceOptions = CADENCES.map((value) => ({ value, label: cadenceLabels[value] }));

export type Classification = { kind: SectionKind; priority: Priority | null; cadence: Cadence | null };

/** "section “Weekly”", or "section 3" while the title is empty: used in accessible names. */
export function sectionName(title: string, index: number): string {
  const trimmed = title.trim();
  return trimmed ? `section “${trimmed}”` : `section ${index + 1}`;
}

/** An item's text for accessible names, quoted and shortened; its number while empty. */
export function itemName(text: string, number: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  if (!trimmed) return number;
  return `“${trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed}”`;
}
