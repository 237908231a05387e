// The waiver rules as SQL, for the aggregate queries (readiness counts, list filters, the
// gate's facts for many deployments): the same rules lib/checklists/readiness.ts applies to
// a loaded checklist. `d` is the deployment, `i` the item; expiry is judged at `now`.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** `FROM … WHERE …` of the open leaves `i` of deployment `d` (a leaf without a state is open)
 * in sections of `kind` that also meet `condition`: the one shape of the lists' EXISTS and the
 * facts' COUNT. */
export function openLeavesSql(
  kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT",
  condition: Prisma.Sql,
  priority?: "CRITICAL" | "HIGH",
): Prisma.Sql {
  return Prisma.sql`FROM "Item" i
      JOIN "Section" s ON s.id = i."sectionId"
      LEFT JOIN "ItemState" st ON st."itemId" = i.id AND st."deploymentId" = d.id
     WHERE i."templateVersionId" = d."templateVersionId" AND i."isLeaf"
       AND s.kind::text = ${kind} ${priority ? Prisma.sql`AND s.priority::text = ${priority}` : Prisma.empty}
       AND (st.status IS NULL OR st.status = 'OPEN') AND ${condition}`;
}

/** An approved waiver that has not expired settles the item `i` of deployment `d`. */
export function waivedSql(now: Date): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Waiver" w
     WHERE w."deploymentId" = d.id AND w."itemKey" = i.key
       AND w.status = 'APPROVED' AND w."expiresAt" > ${now})`;
}

/** The newest waiver of item `i` that was neither rejected nor revoked has this phase. */
function currentWaiverSql(condition: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM (
      SELECT w.status, w."expiresAt" FROM "Waiver" w
       WHERE w."deploymentId" = d.id AND w."itemKey" = i.key AND w.status NOT IN ('REJECTED', 'REVOKED')
       ORDER BY w."createdAt" DESC, w.id DESC LIMIT 1) cw
     WHERE ${condition})`;
}

/** Item `i` awaits a decision on its waiver. */
export const pendingWaiverSql = currentWaiverSql(Prisma.sql`cw.status = 'PENDING'`);

/** Item `i`'s waiver expired (marked so or not yet). */
export function expiredWaiverSql(now: Date): Prisma.Sql {
  return currentWaiverSql(Prisma.sql`(cw.status = 'EXPIRED' OR (cw.status = 'APPROVED' AND cw."expiresAt" <= ${now}))`);
}
