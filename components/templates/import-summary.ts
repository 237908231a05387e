// What an import preview would create, as counts of leaf items: pre-deployment items by
// priority, the other kinds by kind. Each leaf is counted once.
import { countLeaves } from "@/lib/templates/markdown/summary";
import type { ParsedItem } from "@/lib/templates/markdown/types";
import type { Classification } from "./labels";

type Counted = Classification & { items: ParsedItem[] };

/** [category, label for one, label for several] */
const categories = [
  ["critical", "critical", "critical"],
  ["high", "high", "high"],
  ["recommended", "recommended", "recommended"],
  ["pre", "pre-deployment without priority", "pre-deployment without priority"],
  ["post", "post-deployment", "post-deployment"],
  ["maintenance", "maintenance", "maintenance"],
  ["procedure", "procedure step", "procedure steps"],
  ["reference", "reference item", "reference items"],
] as const;

type Category = (typeof categories)[number][0];

function categoryOf(section: Classification): Category {
  switch (section.kind) {
    case "PRE_DEPLOYMENT":
      return section.priority === "CRITICAL"
        ? "critical"
        : section.priority === "HIGH"
          ? "high"
          : section.priority === "RECOMMENDED"
            ? "recommended"
            : "pre";
    case "POST_DEPLOYMENT":
      return "post";
    case "MAINTENANCE":
      return "maintenance";
    case "PROCEDURE":
      return "procedure";
    case "REFERENCE":
      return "reference";
  }
}

/** e.g. "27 critical · 23 high · 23 recommended · 18 post-deployment · 12 maintenance · 12 procedure steps"; empty categories are left out. */
export function importSummaryLine(sections: Counted[]): string {
  const counts = new Map<Category, number>();
  for (const section of sections) {
    const category = categoryOf(section);
    counts.set(category, (counts.get(category) ?? 0) + countLeaves(section.items));
  }
  const parts = categories
    .filter(([category]) => (counts.get(category) ?? 0) > 0)
    .map(([category, one, many]) => {
      const count = counts.get(category) ?? 0;
      return `${count} ${count === 1 ? one : many}`;
    });
  return parts.length ? parts.join(" · ") : "No items";
}
