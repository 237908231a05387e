// The numbers at the top of the overview, each one aggregate query (the count of queries
// stays the same however many deployments and items there are).
import "server-only";
import { db } from "@/lib/db";
import { countClearedToShip } from "@/lib/deployments/readiness-query";
import { finalStatuses, signedOffStatuses } from "@/lib/deployments/lifecycle";

export type OverviewCounts = {
  active: number;
  /** Signed off and the gate would answer 200 (the readiness module's isClearedToShip). */
  clearedToShip: number;
  awaitingSignOff: number;
  blocked: number;
  overdueReviews: number;
  overdueMaintenance: number;
  /** Deployed, with post-deployment verification still open. */
  deployedVerificationOpen: number;
};

export async function overviewCounts(now = new Date()): Promise<OverviewCounts> {
  const [gates, reviews, templates, maintenance, clearedToShip] = await Promise.all([
    db.$queryRaw<{ active: number; blocked: number; awaiting: number; verificationOpen: number }[]>`
      WITH active AS (
        SELECT id, status FROM "Deployment" WHERE status::text <> ALL(${[...finalStatuses]})
      ), critical AS (
        SELECT st."deploymentId", COUNT(*) FILTER (WHERE st.status = 'OPEN') AS open
          FROM "ItemState" st
          JOIN "Item" i ON i.id = st."itemId"
          JOIN "Section" s ON s.id = i."sectionId"
         WHERE s.kind = 'PRE_DEPLOYMENT' AND s.priority = 'CRITICAL'
           AND st."deploymentId" IN (SELECT id FROM active)
         GROUP BY 1
      )
      SELECT COUNT(*)::int AS active,
             (COUNT(*) FILTER (WHERE c.open > 0))::int AS blocked,
             (COUNT(*) FILTER (WHERE a.status = 'READY_FOR_REVIEW'))::int AS awaiting,
             -- The list's verification=open filter, counted: deployed, a verification item open.
             (SELECT COUNT(DISTINCT st."deploymentId")
                FROM "ItemState" st
                JOIN "Deployment" d ON d.id = st."deploymentId"
                JOIN "Item" i ON i.id = st."itemId"
                JOIN "Section" s ON s.id = i."sectionId"
               WHERE d.status = 'DEPLOYED' AND s.kind = 'POST_DEPLOYMENT' AND st.status = 'OPEN')::int AS "verificationOpen"
        FROM active a LEFT JOIN critical c ON c."deploymentId" = a.id`,
    db.$queryRaw<{ count: number }[]>`
      SELECT COUNT(DISTINCT so."deploymentId")::int AS count
        FROM "SignOff" so JOIN "Deployment" d ON d.id = so."deploymentId"
       WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL AND so."nextReviewAt" < ${now}
         AND d.status::text = ANY(${[...signedOffStatuses]})`,
    db.template.count({ where: { archivedAt: null, nextReviewAt: { lt: now } } }),
    db.maintenanceOccurrence.count({ where: { completedAt: null, dueAt: { lt: now } } }),
    countClearedToShip(now),
  ]);
  const gate = gates[0]!;
  return {
    active: gate.active,
    clearedToShip,
    awaitingSignOff: gate.awaiting,
    blocked: gate.blocked,
    overdueReviews: reviews[0]!.count + templates,
    overdueMaintenance: maintenance,
    deployedVerificationOpen: gate.verificationOpen,
  };
}
