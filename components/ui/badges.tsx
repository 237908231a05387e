import type { Priority } from "@/lib/generated/prisma/enums";
import { priorityLabels } from "@/lib/templates/labels";
import { verdictLabels, type Verdict } from "@/lib/checklists/readiness";

const priorityStyles: Record<Priority, string> = {
  CRITICAL: "bg-red-100 text-red-800 ring-red-600/20 dark:bg-red-950 dark:text-red-200",
  HIGH: "bg-orange-100 text-orange-800 ring-orange-600/20 dark:bg-orange-950 dark:text-orange-200",
  RECOMMENDED: "bg-yellow-100 text-yellow-800 ring-yellow-600/20 dark:bg-yellow-950 dark:text-yellow-200",
};

export function PriorityBadge({ priority }: { priority: Priority | null }) {
  if (!priority) return null;
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${priorityStyles[priority]}`}
    >
      {priorityLabels[priority]}
    </span>
  );
}

const verdictStyles: Record<Verdict, string> = {
  GO: "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200",
  GO_WITH_WAIVERS: "bg-sky-100 text-sky-900 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-200",
  GO_WITH_RISKS: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200",
  NO_GO: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200",
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span
      data-testid="gate"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-bold ring-1 ring-inset ${verdictStyles[verdict]}`}
    >
      {verdictLabels[verdict]}
    </span>
  );
}

export function ProgressBar({
  percent,
  label,
  tone = "brand",
}: {
  percent: number;
  label: string;
  tone?: "brand" | "red" | "orange" | "yellow" | "slate";
}) {
  // Complete is complete, whatever the priority: green reads as "nothing left here".
  const fill =
    percent >= 100
      ? "bg-emerald-600"
      : {
          brand: "bg-brand-600",
          red: "bg-red-600",
          orange: "bg-orange-500",
          yellow: "bg-yellow-500",
          slate: "bg-slate-500",
        }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <div className={`h-full ${fill} transition-[width]`} style={{ width: `${percent}%` }} />
    </div>
  );
}
