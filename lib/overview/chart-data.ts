// The overview's trend charts. Item states and maintenance tasks are counted in SQL, so the
// work stays the same however many items a checklist has or tasks a list holds; the shaping
// (lines, months, rounding) is pure and lives beside it (trend-series.ts, maintenance-months.ts).
import "server-only";
import { db } from "@/lib/db";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { deploymentMatchSql, listContext } from "@/lib/deployments/list-query";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { readOrgTimeZone } from "@/lib/maintenance/time-zone";
import {
  completionByMonth,
  completionWindow,
  type DueDateTasks,
  type MonthCompletion,
} from "@/lib/overview/maintenance-months";
import { seriesOf, type ReleaseSeries } from "@/lib/overview/trend-series";

export { COMPLETION_MONTHS, type MonthCompletion } from "@/lib/overview/maintenance-months";
export type { ReleasePoint, ReleaseSeries } from "@/lib/overview/trend-series";

/** The busiest service/environment pairs drawn; more lines than this stop being readable. */
export const TREND_SERIES = 8;
/** The most recent releases drawn per line. */
export const TREND_RELEASES = 20;

type Client = Pick<typeof db, "$queryRaw" | "setting">;

/**
 * Readiness of each release of the busiest service/environment pairs that match the
 * overview's filters, one series per pair, oldest release first. Deployed releases count
 * (they are the history); cancelled ones only when asked for by status. The percentage is the
 * deployments list's own (readinessByDeployment, the same aggregate and formula): two statements.
 */
export async function readinessTrends(filters: DeploymentFilters, client: Client = db): Promise<ReleaseSeries[]> {
  // The list's own filters (list-query.ts), cancelled releases left out unless asked for.
  const matching = deploymentMatchSql(
    filters,
    { withoutCancelled: true },
    await listContext(filters, new Date(), client),
  );
  const releases = await client.$queryRaw<
    { id: string; service: string; environment: string; version: string; createdAt: Date }[]
  >`
    WITH matching AS (
      SELECT d.id, d.service, d.environment, d.version, d."createdAt"
        FROM "Deployment" d
       WHERE ${matching}
    ), busiest AS (
      SELECT service, environment FROM matching
       GROUP BY service, environment
       ORDER BY COUNT(*) DESC, service, environment
       LIMIT ${TREND_SERIES}
    ), recent AS (
      SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.service, m.environment ORDER BY m."createdAt" DESC, m.id DESC) AS rank
        FROM matching m
        JOIN busiest b ON b.service = m.service AND b.environment = m.environment
    )
    SELECT r.id, r.service, r.environment, r.version, r."createdAt"
      FROM recent r
     WHERE r.rank <= ${TREND_RELEASES}
     ORDER BY r.service, r.environment, r."createdAt", r.id`;
  if (releases.length === 0) return [];

  const readiness = await readinessByDeployment(
    releases.map((release) => release.id),
    client,
  );
  return seriesOf(
    releases.map((release) => {
      const { score, byPriority } = readiness.get(release.id)!;
      const leaves = Object.values(byPriority);
      return {
        deploymentId: release.id,
        service: release.service,
        environment: release.environment,
        version: release.version,
        createdAt: release.createdAt.toISOString(),
        percent: score,
        settled: leaves.reduce((sum, p) => sum + p.done + p.notApplicable + p.waived, 0),
        total: leaves.reduce((sum, p) => sum + p.total, 0),
      };
    }),
  );
}

/**
 * Per month of the last twelve (in the organisation's time zone, the current one last): the
 * tasks of the lists that count in that month — the one their period's last day falls in —,
 * how many were completed, and how many by their list's due date. Empty when none counts.
 */
export async function maintenanceCompletion(
  now = new Date(),
  client: Client = db,
): Promise<{ timeZone: string; months: MonthCompletion[] }> {
  const timeZone = await readOrgTimeZone(client);
  const { start, end } = completionWindow(now, timeZone);
  // Summed per due date (lists of one cadence share them), so the rows grow with the calendar,
  // not with schedules or tasks. Prisma stores instants as UTC in "timestamp without time
  // zone" columns: the bounds are compared as UTC.
  const lists = await client.$queryRaw<DueDateTasks[]>`
    SELECT o."dueAt" AS "dueAt",
           COUNT(*)::int AS total,
           (COUNT(*) FILTER (WHERE t."completedAt" IS NOT NULL))::int AS completed,
           (COUNT(*) FILTER (WHERE t."completedAt" <= o."dueAt"))::int AS "onTime"
      FROM "MaintenanceTask" t
      JOIN "MaintenanceOccurrence" o ON o.id = t."occurrenceId"
     WHERE o."dueAt" > (${start}::timestamptz AT TIME ZONE 'UTC')
       AND o."dueAt" <= (${end}::timestamptz AT TIME ZONE 'UTC')
     GROUP BY o."dueAt"`;
  return { timeZone, months: completionByMonth(lists, now, timeZone) };
}
