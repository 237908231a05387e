// (a) The overview: GET /api/v1/overview sequentially, against the same aggregates as one
// hand-written SQL statement sent straight through `pg` — what the app's work would cost
// with no HTTP, auth, framework or ORM in between.
import pg from "pg";
import type { createHttpClient } from "./http";
import { elapsedMs, round, summarize, type Summary } from "./stats";

export type OverviewResult = {
  api: Summary;
  rawSql: Summary;
  ratioP50: number;
  ratioP95: number;
  rows: number;
  responseBytes: number;
};

type Http = ReturnType<typeof createHttpClient>;

export async function measureOverview(
  http: Http,
  databaseUrl: string,
  token: string,
  options: { requests: number; warmUp: number },
): Promise<OverviewResult> {
  let responseBytes = 0;
  for (let i = 0; i < options.warmUp; i++) await getOverview(http, token);
  const api: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    const start = process.hrtime.bigint();
    responseBytes = (await getOverview(http, token)).length;
    api.push(elapsedMs(start));
  }

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const raw: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < options.warmUp; i++) await client.query(OVERVIEW_SQL);
    for (let i = 0; i < options.requests; i++) {
      const start = process.hrtime.bigint();
      const result = await client.query<{ overview: { rows: unknown[] | null } }>(OVERVIEW_SQL);
      raw.push(elapsedMs(start));
      rows = result.rows[0]?.overview.rows?.length ?? 0;
    }
  } finally {
    await client.end();
  }
  const apiSummary = summarize(api);
  const rawSummary = summarize(raw);
  return {
    api: apiSummary,
    rawSql: rawSummary,
    ratioP50: round(apiSummary.p50 / rawSummary.p50),
    ratioP95: round(apiSummary.p95 / rawSummary.p95),
    rows,
    responseBytes,
  };
}

async function getOverview(http: Http, token: string): Promise<string> {
  const response = await http.request("GET", "/api/v1/overview", token);
  if (response.status !== 200)
    throw new Error(`GET /api/v1/overview answered ${response.status}: ${response.body.slice(0, 300)}`);
  return response.body;
}

/**
 * What GET /api/v1/overview returns, in one statement: the count cards, the total and the
 * first page (25 active deployments by target date) with owner, template and readiness
 * counts per priority, and the filter menus' values.
 */
export const OVERVIEW_SQL = `
WITH active AS (
  SELECT id, status FROM "Deployment" WHERE status NOT IN ('DEPLOYED', 'CANCELLED')
), critical AS (
  SELECT st."deploymentId", COUNT(*) FILTER (WHERE st.status = 'OPEN') AS open
    FROM "ItemState" st JOIN "Item" i ON i.id = st."itemId" JOIN "Section" s ON s.id = i."sectionId"
   WHERE s.priority = 'CRITICAL' AND st."deploymentId" IN (SELECT id FROM active)
   GROUP BY 1
), page AS (
  SELECT d.id, d.service, d.environment, d.version, d.status, d."targetDate", d."updatedAt", u.id AS "ownerId", u.name AS "ownerName", t.name AS template, tv.number AS "templateVersion"
    FROM "Deployment" d JOIN "User" u ON u.id = d."ownerId"
    JOIN "TemplateVersion" tv ON tv.id = d."templateVersionId" JOIN "Template" t ON t.id = tv."templateId"
   WHERE d.status NOT IN ('DEPLOYED', 'CANCELLED')
   ORDER BY d."targetDate" ASC NULLS LAST, d."createdAt" DESC
   LIMIT 25
), readiness AS (
  SELECT st."deploymentId", COALESCE(s.priority::text, 'NONE') AS priority, COUNT(*)::int AS total,
         (COUNT(*) FILTER (WHERE st.status = 'DONE'))::int AS done,
         (COUNT(*) FILTER (WHERE st.status = 'NOT_APPLICABLE'))::int AS "notApplicable"
    FROM "ItemState" st JOIN "Item" i ON i.id = st."itemId" JOIN "Section" s ON s.id = i."sectionId"
   WHERE st."deploymentId" IN (SELECT id FROM page)
   GROUP BY 1, 2
)
SELECT json_build_object(
  'counts', (SELECT json_build_object(
      'active', COUNT(*),
      'ready', COUNT(*) FILTER (WHERE COALESCE(c.open, 0) = 0),
      'blocked', COUNT(*) FILTER (WHERE c.open > 0),
      'awaitingSignOff', COUNT(*) FILTER (WHERE a.status = 'READY_FOR_REVIEW'),
      'overdueSignOffs', (SELECT COUNT(DISTINCT so."deploymentId") FROM "SignOff" so JOIN "Deployment" d ON d.id = so."deploymentId"
                           WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL AND so."nextReviewAt" < now() AND d.status IN ('SIGNED_OFF', 'DEPLOYED')),
      'overdueTemplates', (SELECT COUNT(*) FROM "Template" WHERE "archivedAt" IS NULL AND "nextReviewAt" < now()),
      'overdueMaintenance', (SELECT COUNT(*) FROM "MaintenanceOccurrence" WHERE "completedAt" IS NULL AND "dueAt" < now()))
    FROM active a LEFT JOIN critical c ON c."deploymentId" = a.id),
  'total', (SELECT COUNT(*) FROM active),
  'rows', (SELECT json_agg(p) FROM page p),
  'readiness', (SELECT json_agg(r) FROM readiness r),
  'facets', json_build_object(
    'services', (SELECT json_agg(service ORDER BY service) FROM (SELECT DISTINCT service FROM "Deployment" ORDER BY service LIMIT 200) s),
    'environments', (SELECT json_agg(environment ORDER BY environment) FROM (SELECT DISTINCT environment FROM "Deployment" ORDER BY environment LIMIT 100) e),
    'owners', (SELECT json_agg(o ORDER BY o.name) FROM (SELECT u.id, u.name FROM "User" u WHERE EXISTS (SELECT 1 FROM "Deployment" d WHERE d."ownerId" = u.id) ORDER BY u.name LIMIT 200) o))
) AS overview`;
