"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard, seriesColors, tableStyles, TooltipBox } from "@/components/overview/chart-card";
import type { MonthCompletion } from "@/lib/overview/chart-data";

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const longMonthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-11" → a date in that month, for formatting only (the month was cut in the org's zone). */
const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);
const shortMonth = (month: string) => monthFormat.format(monthDate(month));

function summaryOf(months: MonthCompletion[]): string {
  const withTasks = months.filter((m) => m.total > 0);
  const parts = withTasks.map((m) => `${longMonthFormat.format(monthDate(m.month))}: ${m.completionRate}% of ${m.total} task${m.total === 1 ? "" : "s"} completed, ${m.onTimeRate}% on time`);
  const empty = months.length - withTasks.length;
  return `Maintenance completion per month over the last ${months.length} months. ${parts.join("; ")}.${empty ? ` ${empty} month${empty === 1 ? "" : "s"} had no task lists.` : ""}`;
}

export function MaintenanceChart({ months, timeZone }: { months: MonthCompletion[]; timeZone: string }) {
  return (
    <ChartCard
      id="maintenance-trend"
      title="Maintenance completion"
      description={`Completed tasks of the lists whose period started each month (${timeZone}), and the share completed by the due date.`}
      summary={summaryOf(months)}
      chart={
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          <BarChart data={months} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="month" tickFormatter={(month: string) => shortMonth(month).split(" ")[0] ?? month} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} />
            <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value}%`} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} width={48} />
            <Tooltip
              cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
              content={({ active, payload }) => {
                const month = payload?.[0]?.payload as MonthCompletion | undefined;
                if (!active || !month) return null;
                return (
                  <TooltipBox title={longMonthFormat.format(monthDate(month.month))}>
                    {month.total === 0 ? (
                      <p>No task lists started this month.</p>
                    ) : (
                      <>
                        <p>
                          Completed: <strong>{month.completionRate}%</strong> ({month.completed} of {month.total})
                        </p>
                        <p>
                          On time: <strong>{month.onTimeRate}%</strong> ({month.onTime} of {month.total})
                        </p>
                      </>
                    )}
                  </TooltipBox>
                );
              }}
            />
            <Legend formatter={(value: string) => <span className="text-sm text-slate-700 dark:text-slate-200">{value}</span>} />
            <Bar dataKey="completionRate" name="Completed" fill={seriesColors[1]} radius={[3, 3, 0, 0]} isAnimationActive={false}>
              {/* A 0% bar has no height: the label tells it apart from a month without lists. */}
              <LabelList dataKey="completionRate" position="top" fill="currentColor" fontSize={11} formatter={(value: unknown) => (typeof value === "number" ? `${value}%` : "")} />
            </Bar>
            <Bar dataKey="onTimeRate" name="On time" fill={seriesColors[0]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className={tableStyles.table}>
          <caption className="sr-only">Maintenance completion per month</caption>
          <thead className={tableStyles.head}>
            <tr>
              <th scope="col" className={tableStyles.cell}>Month</th>
              <th scope="col" className={tableStyles.cell}>Tasks</th>
              <th scope="col" className={tableStyles.cell}>Completed</th>
              <th scope="col" className={tableStyles.cell}>On time</th>
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
