// Turns mdast lists into checklist items, keeping each item's inline Markdown source.
import type { List, ListItem, Nodes, RootContent } from "mdast";
import type { ParsedItem } from "./types";

/** Blocks found inside items that an item cannot hold, plus counts worth a warning. */
export type ItemSink = { strayBlocks: RootContent[]; ticked: number; emptySkipped: number };

function hasTask(node: Nodes): boolean {
  if (node.type === "listItem" && typeof node.checked === "boolean") return true;
  return "children" in node && (node.children as Nodes[]).some(hasTask);
}

/**
 * A list holds items when it has a task anywhere inside it (so plain bullets grouped around
 * tasks are items too), or when it is numbered under a procedure heading. Every other list
 * is reference content.
 */
export function isItemList(list: List, procedure: boolean): boolean {
  return (list.ordered === true && procedure) || hasTask(list);
}

/** The source of a block, with the indentation of its enclosing list item removed. */
export function sourceOf(node: Nodes, src: string): string {
  const start = node.position?.start;
  const end = node.position?.end.offset;
  if (start?.offset === undefined || end === undefined) return "";
  const indent = new RegExp(`\\n[ \\t]{0,${start.column - 1}}`, "g");
  return src.slice(start.offset, end).replace(indent, "\n");
}

function inlineText(item: ListItem, src: string): string {
  const first = item.children[0];
  if (first?.type !== "paragraph") return "";
  // The paragraph's own start may still point at "[ ]"; its first child never does.
  const start = first.children[0]?.position?.start.offset;
  const end = first.children.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined) return "";
  // Soft and hard line breaks inside an item become spaces: item text is a single line.
  const text = src
    .slice(start, end)
    .replace(/\\?[ \t]*\n[ \t]*/g, " ")
    .trim();
  // GFM needs words after "[ ]" to call it a task; a bare box is still an empty task to us.
  return /^\[[ xX]\]$/.test(text) ? "" : text;
}

function toItem(item: ListItem, src: string, sink: ItemSink): ParsedItem[] {
  if (item.checked === true) sink.ticked++;
  const text = inlineText(item, src);
  const children: ParsedItem[] = [];
  item.children.forEach((child, i) => {
    if (child.type === "list") children.push(...toItems(child, src, sink));
    else if (!(i === 0 && child.type === "paragraph")) sink.strayBlocks.push(child);
  });
  if (text !== "") return [{ text, children }];
  // A marker with no words is no item; lift its sub-items so nothing is lost.
  if (children.length === 0) sink.emptySkipped++;
  return children;
}

export function toItems(list: List, src: string, sink: ItemSink): ParsedItem[] {
  return list.children.flatMap((item) => toItem(item, src, sink));
}
