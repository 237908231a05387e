import Link from "next/link";
import { cadenceLabels } from "@/lib/templates/labels";
import { cardStyles } from "@/components/ui/styles";
import { formatDateTime } from "@/lib/format";
import type { HistoryRow, ScheduleView } from "@/lib/maintenance/board";
import { scopeLabel } from "@/lib/maintenance/schemas";

/** Every schedule with its next due date and how its recent lists went. */
export function SchedulesTable({ schedules }: { schedules: ScheduleView[] }) {
  return (
    <div className={`${cardStyles} overflow-x-auto`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Maintenance schedules, {schedules.length} in all</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">
              Schedule
            </th>
            <th scope="col" className="px-4 py-2">
              Scope
            </th>
            <th scope="col" className="px-4 py-2">
              Owner
            </th>
            <th scope="col" className="px-4 py-2">
              Next due
            </th>
            <th scope="col" className="px-4 py-2">
              Past periods
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {schedules.map((schedule) => (
            <tr key={schedule.id} className="align-top">
              <td className="px-4 py-3">
                <span className="font-medium">
                  {cadenceLabels[schedule.cadence]}: {schedule.sectionTitle}
                </span>
                <div className="text-xs text-slate-600 dark:text-slate-400">
                  <Link href={`/templates/${schedule.template.id}`} className="hover:underline">
                    {schedule.template.name} v{schedule.template.versionNumber}
                  </Link>
                </div>
              </td>
              <td className="px-4 py-3">{scopeLabel(schedule.scopeKey)}</td>
              <td className="px-4 py-3">{schedule.owner}</td>
              <td className="px-4 py-3">
                {formatDateTime(schedule.nextDueAt)}
                {schedule.overdueCount ? (
                  <div className="text-xs font-semibold text-red-700 dark:text-red-400">
                    {schedule.overdueCount} overdue
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3">
                <History
                  label={`${schedule.sectionTitle} (${scopeLabel(schedule.scopeKey)})`}
                  rows={schedule.history}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History({ label, rows }: { label: string; rows: HistoryRow[] }) {
  if (rows.length === 0)
    return <span className="text-xs text-slate-600 dark:text-slate-400">None yet: this is the first period.</span>;
  const complete = rows.filter((row) => row.completedAt).length;
  return (
    <details>
      <summary className="cursor-pointer">
        {complete} of {rows.length} complete ({Math.round((complete / rows.length) * 100)}%)
      </summary>
      <table className="mt-2 w-full text-xs">
        <caption className="sr-only">History of {label}</caption>
        <thead>
          <tr className="text-slate-600 dark:text-slate-400">
            <th scope="col" className="pr-3 text-left font-medium">
              Period
            </th>
            <th scope="col" className="pr-3 text-left font-medium">
              Tasks done
            </th>
            <th scope="col" className="text-left font-medium">
              Result
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="pr-3">{row.label}</td>
              <td className="pr-3 tabular-nums">
                {row.done}/{row.total}
              </td>
              <td>
                {!row.completedAt ? (
                  <span className="text-red-700 dark:text-red-400">Not completed</span>
                ) : row.completedAt <= row.dueAt ? (
                  "On time"
                ) : (
                  "Late"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
