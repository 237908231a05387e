// Turns the path of a structure validation issue into words ("Section 2, item 1.3") and
// the control to focus, so the person can fix it at once.
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";
import { TEMPLATE_FOCUS_KEY, type FocusRequest } from "./focus-keys";

export type IssueLocation = { label: string | null; focus: FocusRequest | null };

export function locateIssue(structure: TemplateStructure, path: readonly PropertyKey[]): IssueLocation {
  const [head, sectionIndex, field, ...rest] = path;
  if (head === "title") return { label: null, focus: { key: TEMPLATE_FOCUS_KEY, target: "title" } };
  if (head === "reviewIntervalDays") return { label: null, focus: { key: TEMPLATE_FOCUS_KEY, target: "interval" } };
  if (head !== "sections" || typeof sectionIndex !== "number") return { label: null, focus: null };
  const section = structure.sections[sectionIndex];
  if (!section) return { label: null, focus: null };
  const sectionLabel = `Section ${sectionIndex + 1}`;
  if (field !== "items") return { label: sectionLabel, focus: { key: section.key, target: "title" } };

  // rest: index, ("children", index)*, then a field such as "text"
  const numbers: number[] = [];
  let items: StructureItem[] = section.items;
  let item: StructureItem | undefined;
  for (let i = 0; i < rest.length; i++) {
    const step = rest[i];
    if (typeof step === "number") {
      item = items[step];
      if (!item) break;
      numbers.push(step + 1);
      items = item.children;
    } else if (step !== "children") break;
  }
  if (!item || numbers.length === 0) return { label: sectionLabel, focus: { key: section.key, target: "title" } };
  return { label: `${sectionLabel}, item ${numbers.join(".")}`, focus: { key: item.key, target: "text" } };
}
