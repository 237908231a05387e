"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { percentAxis, seriesColors, TooltipBox } from "@/components/overview/chart-card";
import { longMonth, shortMonth } from "@/components/overview/months";
import type { MonthCompletion } from "@/lib/overview/maintenance-months";

/** The bar chart itself: loaded only when its card scrolls into view (see lazy-drawings.tsx). */
export function MaintenanceDrawing({ months }: { months: MonthCompletion[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
      <BarChart data={months} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis
          dataKey="month"
          tickFormatter={(month: string) => shortMonth(month).split(" ")[0] ?? month}
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
        />
        <YAxis {...percentAxis} />
        <Tooltip
          cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
          content={({ active, payload }) => {
            const month = payload?.[0]?.payload as MonthCompletion | undefined;
            if (!active || !month) return null;
            return (
              <TooltipBox title={longMonth(month.month)}>
                {month.total === 0 ? (
                  <p>No task list falls in this month.</p>
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
        <Legend
          formatter={(value: string) => <span className="text-sm text-slate-700 dark:text-slate-200">{value}</span>}
        />
        <Bar
          dataKey="completionRate"
          name="Completed"
          fill={seriesColors[1]}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        >
          {/* A 0% bar has no height: the label tells it apart from a month without lists. */}
          <LabelList
            dataKey="completionRate"
            position="top"
            fill="currentColor"
            fontSize={11}
            formatter={(value: unknown) => (typeof value === "number" ? `${value}%` : "")}
          />
        </Bar>
        <Bar
          dataKey="onTimeRate"
          name="On time"
          fill={seriesColors[0]}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
