// The one Markdown dialect we read and write: CommonMark + GFM (task lists, tables).
import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { splitPoints, type Split } from "./chunks";

const processor = unified().use(remarkParse).use(remarkGfm);

/** One parse of the whole text: exact, but quadratic in list items (see chunks.ts). */
export function parseWhole(text: string): Root {
  return processor.parse(text);
}

function shift(node: Nodes, offset: number, lines: number): void {
  for (const point of node.position ? [node.position.start, node.position.end] : []) {
    point.line += lines;
    if (point.offset !== undefined) point.offset += offset;
  }
  if ("children" in node) for (const child of node.children as Nodes[]) shift(child, offset, lines);
}

/** The tree parseWhole gives, built piece by piece when the text can be cut safely. */
export function parseMarkdown(text: string, split: Split = splitPoints(text)): Root {
  if (split.starts.length === 0) return parseWhole(text);
  const root = parseWhole("");
  let lines = 0;
  [0, ...split.starts].forEach((start, i) => {
    const piece = text.slice(start, split.starts[i] ?? text.length);
    const tree = parseWhole(piece);
    shift(tree, start, lines);
    root.children.push(...tree.children);
    lines += piece.split("\n").length - 1;
  });
  const all = text.split("\n");
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: all.length, column: (all.at(-1)?.length ?? 0) + 1, offset: text.length },
  };
  return root;
}
