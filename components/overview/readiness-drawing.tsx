"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { percentAxis, seriesColors, TooltipBox } from "@/components/overview/chart-card";
import { formatDate } from "@/lib/format";
import {
  chartRowsOf,
  deploymentHref,
  percentOfSeries,
  type ChartRow,
  type ReleaseSeries,
} from "@/lib/overview/trend-series";

/**
 * The line chart itself: loaded only when its card scrolls into view (see lazy-drawings.tsx).
 * One line per service and environment over the releases in time order, each x tick a
 * version, straight segments between releases (a curve would invent values between them).
 * Clicking a release opens its deployment; keyboards reach the same links in the card's
 * "Show the numbers" table, since the drawing is one image to assistive technology.
 */
export function ReadinessDrawing({ series }: { series: ReleaseSeries[] }) {
  const router = useRouter();
  const rows = chartRowsOf(series);
  const versions = new Map(rows.map((row) => [row.deploymentId, row.release.version]));
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
      <LineChart
        data={rows}
        margin={{ top: 8, right: 16, bottom: 0, left: -8 }}
        accessibilityLayer={false}
        style={{ cursor: "pointer" }}
        onClick={({ activeLabel }) => {
          if (typeof activeLabel === "string" && versions.has(activeLabel)) router.push(deploymentHref(activeLabel));
        }}
      >
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis
          dataKey="deploymentId"
          tickFormatter={(id: string) => versions.get(id) ?? ""}
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
          interval="preserveStartEnd"
        />
        <YAxis {...percentAxis} />
        <Tooltip
          cursor={{ stroke: "currentColor", strokeOpacity: 0.3 }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as ChartRow | undefined;
            if (!active || !row) return null;
            const { release } = row;
            return (
              <TooltipBox title={`${row.seriesKey} ${release.version}`}>
                <p>
                  <span aria-hidden="true" style={{ color: seriesColors[row.seriesIndex % seriesColors.length] }}>
                    ●{" "}
                  </span>
                  Readiness: <strong>{release.percent}%</strong>
                </p>
                <p>Created {formatDate(release.createdAt)}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">Click to open the deployment</p>
              </TooltipBox>
            );
          }}
        />
        {series.length === 1 ? null : (
          <Legend
            formatter={(value: string) => <span className="text-sm text-slate-700 dark:text-slate-200">{value}</span>}
          />
        )}
        {series.map((line, index) => (
          <Line
            key={line.key}
            type="linear"
            // A function, not the series name: recharts reads a string key with dots as a path.
            dataKey={percentOfSeries(index)}
            name={line.key}
            stroke={seriesColors[index % seriesColors.length]}
            strokeWidth={2}
            strokeDasharray={index >= 4 ? "6 3" : undefined}
            dot={{ r: 3 }}
            activeDot={{ r: 5 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
