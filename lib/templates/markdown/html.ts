// The one rule for HTML in imported Markdown: kept as written (the UI shows raw HTML as
// text, see components/markdown/), except that links which would run code are defused.

// A link destination, an HTML attribute or an autolink that starts with a scheme a browser
// would run or inline. "unsafe:" in front keeps the text readable and makes it inert.
const RUNNABLE =
  /(\]\(\s*<?|\]:[ \t]*<?|\b(?:href|src|action|formaction|poster)\s*=\s*["']?|<)(?!unsafe:)((?:javascript|vbscript|data):)/gi;

/** Idempotent: already neutralised links stay as they are. */
export function neutraliseLinks(markdown: string): string {
  return markdown.replace(RUNNABLE, "$1unsafe:$2");
}
