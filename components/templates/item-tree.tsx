import { BlockMarkdown } from "@/components/markdown/block-markdown";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import type { StructureItem } from "@/lib/templates/structure";

export function ItemTree({ items, ordered = false }: { items: StructureItem[]; ordered?: boolean }) {
  const List = ordered ? "ol" : "ul";
  return (
    <List className={`space-y-1 pl-5 text-sm ${ordered ? "list-decimal" : "list-disc"} marker:text-slate-400`}>
      {items.map((item) => (
        <li key={item.key}>
          <InlineMarkdown text={item.text} />
          {item.details ? <BlockMarkdown text={item.details} className="mt-1" /> : null}
          {item.children.length ? <ItemTree items={item.children} /> : null}
        </li>
      ))}
    </List>
  );
}
