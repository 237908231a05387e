import type { Severity } from "@/lib/generated/prisma/enums";

const styles: Record<Severity, string> = {
  SEV1: "bg-red-600 text-white dark:bg-red-700",
  SEV2: "bg-orange-100 text-orange-900 ring-1 ring-inset ring-orange-600/30 dark:bg-orange-950 dark:text-orange-200",
  SEV3: "bg-yellow-100 text-yellow-900 ring-1 ring-inset ring-yellow-600/30 dark:bg-yellow-950 dark:text-yellow-200",
  SEV4: "bg-slate-100 text-slate-700 ring-1 ring-inset ring-slate-400/30 dark:bg-slate-800 dark:text-slate-200",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-bold ${styles[severity]}`}>
      {severity}
    </span>
  );
}

const statusStyles = {
  PENDING: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  DONE: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  SKIPPED: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
} as const;

export const stepStatusLabels = { PENDING: "Pending", DONE: "Done", SKIPPED: "Skipped" } as const;

export function StepStatusBadge({ status }: { status: keyof typeof statusStyles }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${statusStyles[status]}`}>
      {stepStatusLabels[status]}
    </span>
  );
}
