"use client";

import Link from "next/link";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard, seriesColors, tableStyles, TooltipBox } from "@/components/overview/chart-card";
import { formatDate } from "@/lib/format";
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

function summaryOf(trends: ServiceTrend[]): string {
  const services = trends.map(({ service, releases }) => {
    const first = releases[0]!;
    const last = releases.at(-1)!;
    return releases.length === 1
      ? `${service}: ${last.version} at ${last.percent}%`
      : `${service}: ${releases.length} releases, from ${first.percent}% (${first.version}) to ${last.percent}% (${last.version})`;
  });
  return `Readiness by release for ${trends.length} service${trends.length === 1 ? "" : "s"}. ${services.join("; ")}.`;
}

export function ReadinessChart({ trends }: { trends: ServiceTrend[] }) {
  const rows = rowsOf(trends);
  const single = trends.length === 1;
  // With one service the releases themselves label the axis; with several, their distance from the newest.
  const tick = (slot: number) => (single ? (trends[0]!.releases[slot]?.version ?? "") : slot === rows.length - 1 ? "latest" : `−${rows.length - 1 - slot}`);
  return (
    <ChartCard
      id="readiness-trend"
      title="Readiness by release"
      description={`Settled pre-deployment items of the last releases of ${single ? trends[0]!.service : `the ${trends.length} busiest services in this view`}.`}
      summary={summaryOf(trends)}
      chart={
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: -8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="slot" tickFormatter={tick} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value}%`} stroke="currentColor" tick={{ fill: "currentColor", fontSize: 12 }} width={48} />
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
            {single ? null : <Legend formatter={(value: string) => <span className="text-sm text-slate-700 dark:text-slate-200">{value}</span>} />}
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
      }
      table={
        <table className={tableStyles.table}>
          <caption className="sr-only">Readiness of each release</caption>
          <thead className={tableStyles.head}>
            <tr>
              <th scope="col" className={tableStyles.cell}>Service</th>
              <th scope="col" className={tableStyles.cell}>Version</th>
              <th scope="col" className={tableStyles.cell}>Environment</th>
              <th scope="col" className={tableStyles.cell}>Created</th>
              <th scope="col" className={tableStyles.cell}>Settled</th>
              <th scope="col" className={tableStyles.cell}>Readiness</th>
            </tr>
          </thead>
          <tbody>
            {trends.flatMap((trend) =>
              trend.releases.map((release) => (
                <tr key={release.deploymentId} className={tableStyles.row}>
                  <td className={tableStyles.cell}>{trend.service}</td>
                  <td className={tableStyles.cell}>
                    <Link className="text-brand-600 underline dark:text-brand-50" href={`/deployments/${release.deploymentId}`}>
                      {release.version}
                    </Link>
                  </td>
                  <td className={tableStyles.cell}>{release.environment}</td>
                  <td className={tableStyles.cell}>{formatDate(release.createdAt)}</td>
                  <td className={tableStyles.cell}>
                    {release.settled} of {release.total}
                  </td>
                  <td className={tableStyles.cell}>{release.percent}%</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      }
    />
  );
}
