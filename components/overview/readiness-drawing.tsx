"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { percentAxis, seriesColors, TooltipBox } from "@/components/overview/chart-card";
import type { ReleasePoint, ServiceTrend } from "@/lib/overview/chart-data";

type Row = { slot: number; releases: (ReleasePoint | undefined)[] };

/**
 * Services have different numbers of releases; aligning them on the newest makes "latest",
 * "one before" and so on comparable across services.
 */
function rowsOf(trends: ServiceTrend[]): Row[] {
  const slots = Math.max(...trends.map((t) => t.releases.length));
  return Array.from({ length: slots }, (_, slot) => {
    return { slot, releases: trends.map((t) => t.releases[t.releases.length - slots + slot]) };
  });
}

/** The line chart itself: loaded only when its card scrolls into view (see lazy-drawings.tsx). */
export function ReadinessDrawing({ trends }: { trends: ServiceTrend[] }) {
  const rows = rowsOf(trends);
  const single = trends.length === 1;
  // With one service the releases themselves label the axis; with several, their distance from the newest.
  const tick = (slot: number) =>
    single
      ? (trends[0]!.releases[slot]?.version ?? "")
      : slot === rows.length - 1
        ? "latest"
        : `−${rows.length - 1 - slot}`;
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer={false}>
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis
          dataKey="slot"
          tickFormatter={tick}
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
          interval="preserveStartEnd"
        />
        <YAxis {...percentAxis} />
        <Tooltip
          cursor={{ stroke: "currentColor", strokeOpacity: 0.3 }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as Row | undefined;
            if (!active || !row) return null;
            return (
              <TooltipBox title={single ? (row.releases[0]?.version ?? "") : tick(row.slot)}>
                {trends.map((trend, series) => {
                  const release = row.releases[series];
                  return release ? (
                    <p key={trend.service}>
                      <span aria-hidden="true" style={{ color: seriesColors[series] }}>
                        ●{" "}
                      </span>
                      {trend.service} {release.version} ({release.environment}): <strong>{release.percent}%</strong>
                    </p>
                  ) : null;
                })}
              </TooltipBox>
            );
          }}
        />
        {single ? null : (
          <Legend
            formatter={(value: string) => <span className="text-sm text-slate-700 dark:text-slate-200">{value}</span>}
          />
        )}
        {trends.map((trend, series) => (
          <Line
            key={trend.service}
            type="monotone"
            // A function, not the service name: recharts reads a string key with dots as a path.
            dataKey={(row: Row) => row.releases[series]?.percent}
            name={trend.service}
            stroke={seriesColors[series % seriesColors.length]}
            strokeWidth={2}
            strokeDasharray={series >= 4 ? "6 3" : undefined}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
