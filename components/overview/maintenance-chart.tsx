import { ChartCard, tableStyles } from "@/components/overview/chart-card";
import { LazyMaintenanceDrawing } from "@/components/overview/lazy-drawings";
import { longMonth, shortMonth } from "@/components/overview/months";
import type { MonthCompletion } from "@/lib/overview/maintenance-months";

function summaryOf(months: MonthCompletion[]): string {
  const withTasks = months.filter((m) => m.total > 0);
  const parts = withTasks.map(
    (m) =>
      `${longMonth(m.month)}: ${m.completionRate}% of ${m.total} task${m.total === 1 ? "" : "s"} completed, ${m.onTimeRate}% on time`,
  );
  const empty = months.length - withTasks.length;
  return `Maintenance completion per month over the last ${months.length} months. ${parts.join("; ")}.${empty ? ` ${empty} month${empty === 1 ? "" : "s"} had no task lists.` : ""}`;
}

export function MaintenanceChart({ months, timeZone }: { months: MonthCompletion[]; timeZone: string }) {
  return (
    <ChartCard
      id="maintenance-trend"
      title="Maintenance completion"
      description={`Completed tasks of the lists whose period ends in each month (${timeZone}; a week that runs into the next month counts there), and the share completed by the due date.`}
      summary={summaryOf(months)}
      chart={<LazyMaintenanceDrawing months={months} />}
      table={
        <table className={tableStyles.table}>
          <caption className="sr-only">Maintenance completion per month</caption>
          <thead className={tableStyles.head}>
            <tr>
              <th scope="col" className={tableStyles.cell}>
                Month
              </th>
              <th scope="col" className={tableStyles.cell}>
                Tasks
              </th>
              <th scope="col" className={tableStyles.cell}>
                Completed
              </th>
              <th scope="col" className={tableStyles.cell}>
                On time
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} className={tableStyles.row}>
                <td className={tableStyles.cell}>{shortMonth(m.month)}</td>
                <td className={tableStyles.cell}>{m.total}</td>
                <td className={tableStyles.cell}>{m.total ? `${m.completed} (${m.completionRate}%)` : "—"}</td>
                <td className={tableStyles.cell}>{m.total ? `${m.onTime} (${m.onTimeRate}%)` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
