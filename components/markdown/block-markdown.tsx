// An item's details as safe Markdown: paragraphs, lists, quotes, code, tables, emphasis and
// links (http, https and mailto only). Raw HTML is shown as the text it is, never parsed —
// except a <details>/<summary> pair, rebuilt as elements from the Markdown between them.
// Images become links to them (no request leaves the page to load one).
import Markdown, { type Components } from "react-markdown";
import type { Parent, Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";
import { ExternalLink } from "@/components/ui/external-link";

const allowedElements = [
  ...["p", "strong", "em", "code", "pre", "a", "del", "img", "br", "hr", "blockquote"],
  ...["ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "details", "summary"],
  ...["h1", "h2", "h3", "h4", "h5", "h6"],
];
const safeProtocol = /^(https?:|mailto:)/i;
const OPEN = /^<details(?:\s+open)?\s*>\s*(?:<summary>([\s\S]*?)<\/summary>)?\s*$/i;
const CLOSE = /^<\/details>\s*$/i;
const WHOLE = /^<details(?:\s+open)?\s*>\s*(?:<summary>([\s\S]*?)<\/summary>)?([\s\S]*?)<\/details>\s*$/i;
const COMMENT = /^<!--[\s\S]*-->\s*$/;

type DetailsNode = { type: "detailsBlock"; data: { hName: "details" }; children: RootContent[] };

function summary(text: string | undefined): RootContent[] {
  if (!text?.trim()) return [];
  const node = { type: "paragraph", data: { hName: "summary" }, children: [{ type: "text", value: text.trim() }] };
  return [node as RootContent];
}

/** Folds "<details><summary>…</summary>", blocks, "</details>" siblings into one element. */
function foldDetails(parent: Parent): void {
  const out: RootContent[] = [];
  const stack: DetailsNode[] = [];
  const push = (node: RootContent) => (stack.at(-1)?.children ?? out).push(node);
  for (const child of parent.children) {
    if (child.type === "html") {
      const value = child.value.trim();
      const whole = WHOLE.exec(value);
      const open = OPEN.exec(value);
      if (COMMENT.test(value)) continue; // comments are for the file's readers, not the page's
      if (whole) {
        const body = whole[2]?.trim();
        const text = body ? [{ type: "paragraph", children: [{ type: "text", value: body }] } as RootContent] : [];
        push({ type: "detailsBlock", data: { hName: "details" }, children: [...summary(whole[1]), ...text] } as never);
        continue;
      }
      if (open) {
        stack.push({ type: "detailsBlock", data: { hName: "details" }, children: summary(open[1]) });
        continue;
      }
      if (CLOSE.test(value) && stack.length > 0) {
        const done = stack.pop()!;
        push(done as never);
        continue;
      }
    }
    if ("children" in child) foldDetails(child);
    push(child);
  }
  // An unclosed <details> keeps what followed it, folded.
  while (stack.length > 0) push(stack.pop()! as never);
  parent.children = out;
}

/** Everything else that is raw HTML (blocks or inline) becomes plain text. */
function safeHtml() {
  return (tree: Root) => {
    foldDetails(tree);
    visit(tree, "html", (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (COMMENT.test(node.value.trim())) parent.children.splice(index, 1);
      else parent.children[index] = { type: "text", value: node.value };
      return index;
    });
  };
}

function safeUrl(url: string): string {
  return safeProtocol.test(url.trim()) ? url : "";
}

const link = "font-medium text-brand-600 underline underline-offset-2 dark:text-brand-50";
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <ExternalLink href={href} className={link}>
        {children}
      </ExternalLink>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <ExternalLink href={src} className={link}>
        {alt || "image"}
      </ExternalLink>
    ) : (
      <span>{alt}</span>
    ),
  code: ({ children }) => (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">{children}</code>
  ),
  pre: ({ children }) => (
    <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800 [&_code]:bg-transparent [&_code]:p-0">
      {children}
    </pre>
  ),
  ul: ({ children }) => <ul className="list-disc space-y-0.5 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal space-y-0.5 pl-5">{children}</ol>,
  blockquote: ({ children }) => (
    <blockquote className="border-l-2 border-slate-300 pl-3 dark:border-slate-700">{children}</blockquote>
  ),
  table: ({ children }) => (
    <div className="overflow-x-auto">
      <table className="text-left text-xs [&_td]:border [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:px-2 [&_th]:py-1 [&_td]:border-slate-200 [&_th]:border-slate-200 dark:[&_td]:border-slate-700 dark:[&_th]:border-slate-700">
        {children}
      </table>
    </div>
  ),
  details: ({ children }) => (
    <details className="rounded border border-slate-200 px-2 py-1 dark:border-slate-700">{children}</details>
  ),
  summary: ({ children }) => <summary className="cursor-pointer font-medium">{children}</summary>,
  // Headings inside details are only emphasis: the page's outline belongs to the page.
  ...Object.fromEntries(
    ["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => [
      h,
      ({ children }: { children?: React.ReactNode }) => <p className="font-semibold">{children}</p>,
    ]),
  ),
};

/** An item's details (Markdown), rendered under the item. */
export function BlockMarkdown({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`space-y-1.5 text-sm text-slate-700 dark:text-slate-300 ${className}`}>
      <Markdown
        remarkPlugins={[remarkGfm, safeHtml]}
        allowedElements={allowedElements}
        unwrapDisallowed
        urlTransform={safeUrl}
        components={components}
      >
        {text}
      </Markdown>
    </div>
  );
}
