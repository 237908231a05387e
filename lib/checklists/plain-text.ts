import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";

/** Item text as a reader hears it (Markdown parsed, not stripped by pattern), for accessible names. */
export function plainText(markdown: string): string {
  return toString(fromMarkdown(markdown)).replace(/\s+/g, " ").trim();
}
