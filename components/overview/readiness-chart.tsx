import Link from "next/link";
import { ChartCard, tableStyles } from "@/components/overview/chart-card";
import { LazyReadinessDrawing } from "@/components/overview/lazy-drawings";
import { formatDate } from "@/lib/format";
import { deploymentHref, type ReleaseSeries } from "@/lib/overview/trend-series";

function summaryOf(series: ReleaseSeries[]): string {
  const lines = series.map(({ key, releases }) => {
    const first = releases[0]!;
    const last = releases.at(-1)!;
    return releases.length === 1
      ? `${key}: ${last.version} at ${last.percent}%`
      : `${key}: ${releases.length} releases, from ${first.percent}% (${first.version}) to ${last.percent}% (${last.version})`;
  });
  const count = series.length === 1 ? "1 service and environment" : `${series.length} services and environments`;
  return `Readiness by release for ${count}. ${lines.join("; ")}.`;
}

export function ReadinessChart({ series }: { series: ReleaseSeries[] }) {
  const single = series.length === 1;
  return (
    <ChartCard
      id="readiness-trend"
      title="Readiness by release"
      description={`Readiness, as the deployments list shows it, of the last releases of ${single ? series[0]!.key : `the ${series.length} busiest services and environments in this view, one line each`}. Select a release to open it.`}
      summary={summaryOf(series)}
      chart={<LazyReadinessDrawing series={series} />}
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
            {series.flatMap((line) =>
              line.releases.map((release) => (
                <tr key={release.deploymentId} className={tableStyles.row}>
                  <td className={tableStyles.cell}>{line.service}</td>
                  <td className={tableStyles.cell}>
                    <Link
                      className="text-brand-600 underline dark:text-brand-50"
                      href={deploymentHref(release.deploymentId)}
                    >
                      {release.version}
                    </Link>
                  </td>
                  <td className={tableStyles.cell}>{line.environment}</td>
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
