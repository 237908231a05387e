// Finds "Next Review: Date + N days" (in any emphasis, brackets optional) in a document.
import type { Nodes } from "mdast";
import { toString } from "mdast-util-to-string";

// Matched on plain text, so "**Next Review:** [Date + 90 days]" and
// "**Next Review**: Date + 90 days" read the same.
const NEXT_REVIEW = /\bnext\s+review\b\s*(?:in|date)?\s*[:\-–—]?\s*\[?\s*(?:date\s*\+\s*)?(\d{1,4})\s*days?\b/gi;

const TEXT_BLOCKS = new Set(["paragraph", "heading", "tableCell"]);

/** Every stated interval in document order (usually one, in the footer). */
export function findReviewIntervals(node: Nodes): number[] {
  if (TEXT_BLOCKS.has(node.type)) {
    return [...toString(node).matchAll(NEXT_REVIEW)].map((m) => Number(m[1])).filter((n) => n > 0);
  }
  return "children" in node ? (node.children as Nodes[]).flatMap(findReviewIntervals) : [];
}

/** The footer the exporter writes (when the text states no interval of its own). */
export function reviewFooter(days: number): string {
  return `**Next Review**: Date + ${days} days`;
}

// With the rule a hand-written footer often has above it.
const FOOTER = /(?:^|\n\n)(?:(?:---|\*\*\*|___)\n\n)?\*\*Next Review\*\*: Date \+ \d{1,4} days\s*$/;

/** A section's text without the exporter's footer at its end, so an export reads back as it was. */
export function withoutReviewFooter(content: string | null): string | null {
  if (content === null) return null;
  const stripped = content.replace(FOOTER, "");
  return stripped === content ? content : stripped.trim() || null;
}
