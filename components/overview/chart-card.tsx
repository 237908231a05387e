import type { ReactNode } from "react";
import { cardStyles } from "@/components/ui/styles";

type Props = { id: string; title: string; description: string; summary: string; chart: ReactNode; table: ReactNode };

/**
 * A chart with its words: the drawing is one image named by a summary of the data, and the
 * exact numbers sit in a table under "Show the numbers" for screen readers and keyboards.
 */
export function ChartCard({ id, title, description, summary, chart, table }: Props) {
  return (
    <section aria-labelledby={`${id}-title`} className={`${cardStyles} p-4`} data-testid={id}>
      <h3 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h3>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>
      <div role="img" aria-label={summary} className="mt-4 h-64 w-full text-slate-600 dark:text-slate-400">
        {chart}
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-600 dark:text-brand-50">Show the numbers</summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </section>
  );
}

export const tableStyles = {
  table: "w-full text-left text-sm tabular-nums",
  head: "border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400",
  cell: "py-1 pr-4",
  row: "border-b border-slate-100 last:border-0 dark:border-slate-800",
} as const;

/** Series colours: mid tones that stay visible on white and on slate-900. */
/** The 0–100 % value axis both charts draw. */
export const percentAxis = {
  domain: [0, 100],
  ticks: [0, 25, 50, 75, 100],
  tickFormatter: (value: number) => `${value}%`,
  stroke: "currentColor",
  tick: { fill: "currentColor", fontSize: 12 },
  width: 48,
} as const;

export const seriesColors = [
  "#2563eb",
  "#059669",
  "#d97706",
  "#db2777",
  "#7c3aed",
  "#0891b2",
  "#65a30d",
  "#ea580c",
] as const;

/** Tooltip box styled like the app's cards, in both colour schemes. */
export function TooltipBox({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-900 shadow-md dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <p className="font-semibold">{title}</p>
      <div className="mt-1 space-y-0.5">{children}</div>
    </div>
  );
}
