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
