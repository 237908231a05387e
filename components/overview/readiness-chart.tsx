import Link from "next/link";
import { ChartCard, tableStyles } from "@/components/overview/chart-card";
import { LazyReadinessDrawing } from "@/components/overview/lazy-drawings";
import { formatDate } from "@/lib/format";
import type { ServiceTrend } from "@/lib/overview/chart-data";

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
  const single = trends.length === 1;
  return (
    <ChartCard
      id="readiness-trend"
      title="Readiness by release"
      description={`Settled pre-deployment items of the last releases of ${single ? trends[0]!.service : `the ${trends.length} busiest services in this view`}.`}
      summary={summaryOf(trends)}
      chart={<LazyReadinessDrawing trends={trends} />}
      table={
        <table className={tableStyles.table}>
          <caption className="sr-only">Readiness of each release</caption>
          <thead className={tableStyles.head}>
            <tr>
              <th scope="col" className={tableStyles.cell}>
                Service
              </th>
              <th scope="col" className={tableStyles.cell}>
                Version
              </th>
              <th scope="col" className={tableStyles.cell}>
                Environment
              </th>
              <th scope="col" className={tableStyles.cell}>
                Created
              </th>
              <th scope="col" className={tableStyles.cell}>
                Settled
              </th>
              <th scope="col" className={tableStyles.cell}>
                Readiness
              </th>
            </tr>
          </thead>
          <tbody>
            {trends.flatMap((trend) =>
              trend.releases.map((release) => (
                <tr key={release.deploymentId} className={tableStyles.row}>
                  <td className={tableStyles.cell}>{trend.service}</td>
                  <td className={tableStyles.cell}>
                    <Link
                      className="text-brand-600 underline dark:text-brand-50"
                      href={`/deployments/${release.deploymentId}`}
                    >
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
