// Item text as safe inline Markdown: bold, emphasis, code, strike-through and links
// (http, https and mailto only). Raw HTML is shown as the text it is, never parsed.
import Markdown, { type Components } from "react-markdown";
import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import { ExternalLink } from "@/components/ui/external-link";

const allowedElements = ["p", "strong", "em", "code", "a", "del"];
const safeProtocol = /^(https?:|mailto:)/i;

/** Turns raw HTML nodes into plain text, so `<script>` shows as "<script>". */
function htmlAsText() {
  return (tree: Root) => {
    visit(tree, "html", (node, index, parent) => {
      if (parent && index !== undefined) parent.children[index] = { type: "text", value: node.value };
    });
  };
}

function safeUrl(url: string): string {
  return safeProtocol.test(url.trim()) ? url : "";
}

const components: Components = {
  p: ({ children }) => <>{children}</>,
  a: ({ href, children }) =>
    href ? (
      <ExternalLink href={href} className="font-medium text-brand-600 underline underline-offset-2 dark:text-brand-50">
        {children}
      </ExternalLink>
    ) : (
      <span>{children}</span>
    ),
  code: ({ children }) => (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">{children}</code>
  ),
};

export function InlineMarkdown({ text }: { text: string }) {
  return (
    <Markdown
      remarkPlugins={[htmlAsText]}
      allowedElements={allowedElements}
      unwrapDisallowed
      urlTransform={safeUrl}
      components={components}
    >
      {text}
    </Markdown>
  );
}
