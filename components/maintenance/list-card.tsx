import Link from "next/link";
import { TaskRow } from "@/components/maintenance/task-row";
import { ProgressBar } from "@/components/ui/badges";
import { cardStyles } from "@/components/ui/styles";
import { cadenceLabels } from "@/lib/templates/labels";
import { formatDateTime } from "@/lib/format";
import type { ListView, ScheduleView } from "@/lib/maintenance/board";
import { scopeLabel } from "@/lib/maintenance/schemas";

type Props = {
  schedule: ScheduleView;
  list: ListView;
  canComplete: boolean;
  canAssign: boolean;
  workers: { id: string; name: string }[];
};

/** One period's task list of a schedule, with its progress and completable tasks. */
export function ListCard({ schedule, list, canComplete, canAssign, workers }: Props) {
  const name = `${schedule.sectionTitle} · ${scopeLabel(schedule.scopeKey)} · ${list.label}`;
  const percent = list.total ? Math.round((list.done / list.total) * 100) : 100;
  return (
    <section
      id={`list-${list.id}`}
      aria-label={name}
      data-list-card
      className={`${cardStyles} scroll-mt-4 p-4 ${list.overdue ? "border-red-300 dark:border-red-800" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{schedule.sectionTitle}</h3>
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          {cadenceLabels[schedule.cadence]}
        </span>
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 dark:bg-slate-800 dark:text-slate-200">
          {scopeLabel(schedule.scopeKey)}
        </span>
        {list.overdue ? (
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-inset ring-red-600/20 dark:bg-red-950 dark:text-red-200">
            Overdue
          </span>
        ) : list.completedAt ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
            Complete
          </span>
        ) : null}
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {list.label} · due {formatDateTime(list.dueAt)} ·{" "}
        <Link href={`/templates/${schedule.template.id}`} className="hover:underline">
          {schedule.template.name} v{schedule.template.versionNumber}
        </Link>{" "}
        · owner {schedule.owner}
      </p>
      <div className="mt-3 flex items-center gap-3">
        <ProgressBar percent={percent} label={`Progress of ${name}`} tone={list.overdue ? "red" : "brand"} />
        <span className="shrink-0 text-xs font-medium tabular-nums" data-testid="list-progress">
          {list.done}/{list.total} done
        </span>
      </div>
      <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
        {list.tasks.map((task) => (
          <TaskRow
            key={task.id}
            occurrenceId={list.id}
            task={task}
            canComplete={canComplete}
            canAssign={canAssign}
            workers={workers}
          />
        ))}
      </ul>
    </section>
  );
}
