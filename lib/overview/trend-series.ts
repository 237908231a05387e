// The readiness trend's shape, kept pure so the server (grouping query rows into lines) and the
// drawing (one chart row per release) share it, and unit tests can pin it down.

/** One release on a line: its readiness percentage is the one the deployments list shows. */
export type ReleasePoint = {
  deploymentId: string;
  version: string;
  createdAt: string;
  percent: number;
  /** Settled (DONE or N/A) pre-deployment leaves, and all of them: the table's "x of y". */
  settled: number;
  total: number;
};

/** One line: the releases of one service in one environment, oldest first. */
export type ReleaseSeries = { key: string; service: string; environment: string; releases: ReleasePoint[] };

export type ReleaseRow = ReleasePoint & { service: string; environment: string };

/** A line's name in the legend, the tooltip and the summary. */
export const seriesKey = (service: string, environment: string) => `${service} / ${environment}`;

const oldestFirst = (a: ReleasePoint, b: ReleasePoint) =>
  a.createdAt.localeCompare(b.createdAt) || a.deploymentId.localeCompare(b.deploymentId);

/**
 * One series per service and environment (a release to staging and one to production are two
 * lines, never one zigzag), in the order the rows first name them; releases oldest first.
 */
export function seriesOf(rows: ReleaseRow[]): ReleaseSeries[] {
  const series = new Map<string, ReleaseSeries>();
  for (const { service, environment, ...release } of rows) {
    const key = seriesKey(service, environment);
    const line = series.get(key) ?? { key, service, environment, releases: [] };
    line.releases.push(release);
    series.set(key, line);
  }
  return [...series.values()].map((line) => ({ ...line, releases: [...line.releases].sort(oldestFirst) }));
}

/**
 * One x position of the chart: a single release of a single series. The release is nested, not
 * spread: recharts copies SVG-named fields of a data row (such as `version`) onto its dots.
 */
export type ChartRow = { deploymentId: string; seriesIndex: number; seriesKey: string; release: ReleasePoint };

/**
 * The drawing's rows: every release of every series on one time-ordered axis, so a line's
 * points keep their order and each x tick is a real version (not "−3 … latest"). Each row holds
 * one series' value; the other series are undefined there and their lines pass over it.
 */
export function chartRowsOf(series: ReleaseSeries[]): ChartRow[] {
  return series
    .flatMap((line, seriesIndex) =>
      line.releases.map((release) => ({
        deploymentId: release.deploymentId,
        seriesIndex,
        seriesKey: line.key,
        release,
      })),
    )
    .sort((a, b) => oldestFirst(a.release, b.release));
}

/** The value of series `index` at `row` (undefined where the row is another series' release). */
export const percentOfSeries = (index: number) => (row: ChartRow) =>
  row.seriesIndex === index ? row.release.percent : undefined;

export const deploymentHref = (deploymentId: string) => `/deployments/${deploymentId}`;
