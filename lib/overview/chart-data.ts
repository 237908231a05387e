// The overview's trend charts, each one aggregate query: item states and maintenance tasks
// are counted in SQL, so the work stays the same however many items a checklist has.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { readOrgTimeZone } from "@/lib/maintenance/time-zone";

/** The busiest services drawn; more lines than this stop being readable. */
export const TREND_SERVICES = 8;
/** The most recent releases drawn per service. */
export const TREND_RELEASES = 20;
export const COMPLETION_MONTHS = 12;

export type ReleasePoint = {
  deploymentId: string;
  version: string;
  environment: string;
  createdAt: string;
  percent: number;
  settled: number;
  total: number;
};
export type ServiceTrend = { service: string; releases: ReleasePoint[] };

/** `month` is "YYYY-MM" in the organisation's time zone; rates are null for a month without tasks. */
export type MonthCompletion = {
  month: string;
  total: number;
  completed: number;
  onTime: number;
  completionRate: number | null;
  onTimeRate: number | null;
};

type Client = Pick<typeof db, "$queryRaw" | "setting">;

const percentOf = (part: number, whole: number) => Math.floor((part / whole) * 100);

/**
 * Readiness of each release of the busiest services that match the overview's filters, oldest
 * first. Deployed releases count (they are the history); cancelled ones only when asked for by
 * status. Readiness = settled (done or N/A) pre-deployment leaves over all of them.
 */
export async function readinessTrends(filters: DeploymentFilters, client: Client = db): Promise<ServiceTrend[]> {
  const conditions = [
    filters.status ? Prisma.sql`d.status = ${filters.status}::"DeploymentStatus"` : Prisma.sql`d.status <> 'CANCELLED'`,
    filters.service ? Prisma.sql`lower(d.service) = lower(${filters.service})` : null,
    filters.environment ? Prisma.sql`lower(d.environment) = lower(${filters.environment})` : null,
    filters.owner ? Prisma.sql`d."ownerId" = ${filters.owner}` : null,
    filters.verification === "open"
      ? Prisma.sql`d.status = 'DEPLOYED' AND EXISTS (
          SELECT 1 FROM "ItemState" v JOIN "Item" vi ON vi.id = v."itemId" JOIN "Section" vs ON vs.id = vi."sectionId"
           WHERE v."deploymentId" = d.id AND vs.kind = 'POST_DEPLOYMENT' AND v.status = 'OPEN')`
      : null,
    // strpos, not LIKE: a search for "%" or "_" means those characters.
    filters.q
      ? Prisma.sql`(strpos(lower(d.service), lower(${filters.q})) > 0 OR strpos(lower(d.environment), lower(${filters.q})) > 0 OR strpos(lower(d.version), lower(${filters.q})) > 0)`
      : null,
  ].filter((condition): condition is Prisma.Sql => condition !== null);

  const rows = await client.$queryRaw<
    {
      id: string;
      service: string;
      environment: string;
      version: string;
      createdAt: Date;
      total: number;
      settled: number;
    }[]
  >`
    WITH matching AS (
      SELECT d.id, d.service, d.environment, d.version, d."createdAt"
        FROM "Deployment" d
       WHERE ${Prisma.join(conditions, " AND ")}
    ), busiest AS (
      SELECT service FROM matching GROUP BY service ORDER BY COUNT(*) DESC, service LIMIT ${TREND_SERVICES}
    ), recent AS (
      SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.service ORDER BY m."createdAt" DESC, m.id DESC) AS rank
        FROM matching m
       WHERE m.service IN (SELECT service FROM busiest)
    )
    SELECT r.id, r.service, r.environment, r.version, r."createdAt",
           COUNT(s.id)::int AS total,
           (COUNT(s.id) FILTER (WHERE st.status IN ('DONE', 'NOT_APPLICABLE')))::int AS settled
      FROM recent r
      LEFT JOIN "ItemState" st ON st."deploymentId" = r.id
      LEFT JOIN "Item" i ON i.id = st."itemId" AND i."isLeaf"
      LEFT JOIN "Section" s ON s.id = i."sectionId" AND s.kind = 'PRE_DEPLOYMENT'
     WHERE r.rank <= ${TREND_RELEASES}
     GROUP BY r.id, r.service, r.environment, r.version, r."createdAt"
     ORDER BY r.service, r."createdAt", r.id`;

  const trends = new Map<string, ReleasePoint[]>();
  for (const row of rows) {
    const releases = trends.get(row.service) ?? [];
    releases.push({
      deploymentId: row.id,
      version: row.version,
      environment: row.environment,
      createdAt: row.createdAt.toISOString(),
      settled: row.settled,
      total: row.total,
      // Nothing to check before deploying is as ready as it gets (the checklist page agrees).
      percent: row.total === 0 ? 100 : percentOf(row.settled, row.total),
    });
    trends.set(row.service, releases);
  }
  return [...trends].map(([service, releases]) => ({ service, releases }));
}

/**
 * Per month of the last twelve (in the organisation's time zone, the current one last): the
 * tasks of lists whose period started that month, how many were completed, and how many by
 * their list's due date. Empty when no list started in that window.
 */
export async function maintenanceCompletion(
  now = new Date(),
  client: Client = db,
): Promise<{ timeZone: string; months: MonthCompletion[] }> {
  const timeZone = await readOrgTimeZone(client);
  // Prisma stores instants as UTC in "timestamp without time zone" columns: read them as UTC
  // first, then as the organisation's local time.
  const rows = await client.$queryRaw<{ month: string; total: number; completed: number; onTime: number }[]>`
    WITH months AS (
      SELECT generate_series(
               date_trunc('month', ${now}::timestamptz AT TIME ZONE ${timeZone}) - make_interval(months => ${COMPLETION_MONTHS - 1}::int),
               date_trunc('month', ${now}::timestamptz AT TIME ZONE ${timeZone}),
               interval '1 month') AS month
    ), tasks AS (
      SELECT date_trunc('month', (o."periodStart" AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}) AS month,
             COUNT(*)::int AS total,
             (COUNT(*) FILTER (WHERE t."completedAt" IS NOT NULL))::int AS completed,
             (COUNT(*) FILTER (WHERE t."completedAt" <= o."dueAt"))::int AS "onTime"
        FROM "MaintenanceTask" t
        JOIN "MaintenanceOccurrence" o ON o.id = t."occurrenceId"
       WHERE o."periodStart" >= ((SELECT MIN(month) FROM months) AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'
       GROUP BY 1
    )
    SELECT to_char(m.month, 'YYYY-MM') AS month,
           COALESCE(t.total, 0) AS total, COALESCE(t.completed, 0) AS completed, COALESCE(t."onTime", 0) AS "onTime"
      FROM months m LEFT JOIN tasks t ON t.month = m.month
     ORDER BY m.month`;
  if (rows.every((row) => row.total === 0)) return { timeZone, months: [] };
  const months = rows.map((row) => ({
    ...row,
    completionRate: row.total === 0 ? null : percentOf(row.completed, row.total),
    onTimeRate: row.total === 0 ? null : percentOf(row.onTime, row.total),
  }));
  return { timeZone, months };
}
