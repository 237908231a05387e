// Where a Markdown text can be cut into pieces that parse exactly like the whole.
//
// Why: micromark splices its whole event list for every list item it closes, so parsing is
// quadratic in list items: a 1 MB checklist took six minutes in one piece (seconds in
// pieces), blocking the server or the browser preview. The counts let the caller refuse
// inputs that would still be slow.
//
// A cut goes before an unindented ATX heading that follows a blank line. Such a line closes
// every open block (lists, quotes, paragraphs, tables, code inside lists) except a
// top-level fenced code block or a top-level HTML block of types 1–5, so those are tracked.
// Anything we cannot classify for sure (an indented fence or HTML that might be top-level,
// link reference definitions, which resolve across the whole document) stops further cuts.

// Each parse has a fixed cost, so tiny sections are parsed together.
const MIN_PIECE = 2048;
const LIST_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const QUOTE = /^[ \t]*>/;
const DEFINITION = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[[^\]\n]+\]:/m;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HTML_BLOCKS: [start: RegExp, end: RegExp][] = [
  [/^( {0,3})<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^( {0,3})<!--/, /-->/],
  [/^( {0,3})<\?/, /\?>/],
  [/^( {0,3})<!\[CDATA\[/, /\]\]>/],
  [/^( {0,3})<![A-Za-z]/, />/],
];

type State =
  | { in: "flow" }
  | { in: "fence"; char: string; length: number; indent: number }
  | { in: "html"; end: RegExp | "blank" };

// HTML block type 6 (CommonMark 4.6): a block-level tag such as <details> or <div>. Unindented,
// it always starts a top-level block (it may interrupt a paragraph, so it is never lazy
// continuation text), and that block ends at the next blank line.
const BLOCK_TAG = new RegExp(
  "^<\\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?=[ \\t>]|\\/>|$)",
  "i",
);

export type Split = {
  /** Offsets (> 0) where a new piece starts. */
  starts: number[];
  /** List items and block quotes (the containers whose closing costs time), overall and in the biggest piece. */
  containers: number;
  largestPieceContainers: number;
  /** The line of the container past MAX_CONTAINERS; null when there are not that many. */
  overLimitLine: number | null;
};

// Parse time grows with the square of the list items and quotes between cut points. A file
// that is still slow is stopped by the import's time limit (the parse runs in a worker,
// lib/templates/parse-worker); this bound only spares it the wait.
export const MAX_CONTAINERS = 5000;

const indentOf = (line: string) => line.length - line.trimStart().length;

export function splitPoints(text: string, minPiece = MIN_PIECE): Split {
  const starts: number[] = [];
  let cutting = !DEFINITION.test(text);
  let state: State = { in: "flow" };
  let previousBlank = true;
  let pieceStart = 0;
  let previousQuote = false;
  let containers = 0;
  let pieceContainers = 0;
  let largestPieceContainers = 0;
  let overLimitLine: number | null = null;
  let lineNumber = 0;
  for (let offset = 0; offset < text.length;) {
    lineNumber++;
    const newline = text.indexOf("\n", offset);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, newline === -1 ? text.length : newline);
    const blank = line.trim() === "";
    if (state.in === "fence") {
      const close = /^( {0,3})(`{3,}|~{3,})[ \t]*$/.exec(line);
      const [indent, marks] = [close?.[1]?.length ?? 0, close?.[2] ?? ""];
      if (marks[0] === state.char && marks.length >= state.length && indent >= state.indent) state = { in: "flow" };
      // Below the opener's indent, an indented fence was either top-level code or a closed list item.
      else if (!blank && indentOf(line) < state.indent) cutting = false;
    } else if (state.in === "html") {
      if (state.end === "blank" ? blank : state.end.test(line)) state = { in: "flow" };
    } else {
      const fence = FENCE.exec(line);
      const html = HTML_BLOCKS.find(([start]) => start.test(line));
      if (fence?.[2] && !(fence[2][0] === "`" && fence[3]?.includes("`"))) {
        state = { in: "fence", char: fence[2][0] ?? "`", length: fence[2].length, indent: fence[1]?.length ?? 0 };
      } else if (html) {
        const opener = html[0].exec(line)?.[0] ?? "";
        if (!html[1].test(line.slice(opener.length))) {
          state = { in: "html", end: html[1] };
          if (indentOf(line) > 0) cutting = false; // may belong to a list item, or not
        }
      } else if (BLOCK_TAG.test(line)) {
        state = { in: "html", end: "blank" };
      } else if (/^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)/.test(line)) {
        cutting = false; // an HTML block of type 6 or 7 would hide a following fence from this scan
      } else if (
        cutting &&
        previousBlank &&
        /^#{1,6}(?:[ \t]|$)/.test(line) &&
        offset > 0 &&
        offset - pieceStart >= minPiece
      ) {
        starts.push(offset);
        pieceStart = offset;
        largestPieceContainers = Math.max(largestPieceContainers, pieceContainers);
        pieceContainers = 0;
      }
      const quote = QUOTE.test(line);
      if (LIST_ITEM.test(line) || (quote && !previousQuote)) {
        containers++;
        pieceContainers++;
        if (containers === MAX_CONTAINERS + 1) overLimitLine = lineNumber;
      }
      previousQuote = quote;
    }
    previousBlank = blank;
    offset = end;
  }
  return {
    starts,
    containers,
    largestPieceContainers: Math.max(largestPieceContainers, pieceContainers),
    overLimitLine,
  };
}
