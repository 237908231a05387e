// Choices and accessible names of the import preview and the editor.
import { cadenceLabels, kindLabels, priorityLabels } from "@/lib/templates/labels";
import {
  CADENCES,
  PRIORITIES,
  SECTION_KINDS,
  type Cadence,
  type Priority,
  type SectionKind,
} from "@/lib/templates/markdown/types";

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
