import type { ReactNode } from "react";
import { cardStyles } from "@/components/ui/styles";

type Props = {
  id: string;
  title: string;
  count: number;
  /** What an empty section says, in words ("Nothing assigned to you"). */
  empty: string;
  description?: string;
  children: ReactNode;
};

/** One section of My work: a heading with its count, the rows, or its own empty state. */
export function WorkSection({ id, title, count, empty, description, children }: Props) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} data-my-work-section={id} className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {title} <span className="tabular-nums text-slate-600 dark:text-slate-400">({count})</span>
        </h2>
        {description ? <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      </div>
      {count === 0 ? (
        <p
          className={`${cardStyles} border-dashed px-4 py-3 text-sm text-slate-600 dark:text-slate-400`}
          data-testid={`${id}-empty`}
        >
          {empty}
        </p>
      ) : (
        <ul className={`${cardStyles} divide-y divide-slate-100 dark:divide-slate-800`}>{children}</ul>
      )}
    </section>
  );
}

/** One row: a link to the exact place, and what to know before going there. */
export function WorkRow({ children }: { children: ReactNode }) {
  return (
    <li data-my-work-row className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-3 text-sm">
      {children}
    </li>
  );
}

export const rowLinkStyles = "min-w-0 break-words font-medium text-brand-700 hover:underline dark:text-brand-50";
export const rowMetaStyles = "w-full text-xs text-slate-600 dark:text-slate-400";

const toneStyles = {
  red: "bg-red-100 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-200",
  amber: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200",
  slate: "bg-slate-100 text-slate-700 ring-slate-400/30 dark:bg-slate-800 dark:text-slate-200",
} as const;

export function Tag({ tone, children }: { tone: keyof typeof toneStyles; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${toneStyles[tone]}`}
    >
      {children}
    </span>
  );
}
