// Readiness of many deployments in one aggregate query: counts per deployment and
// priority are summed in SQL, so no item rows are loaded into JavaScript.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { computeReadiness, type PriorityKey, type Readiness, type ReadinessCounts } from "@/lib/checklists/readiness";

type Row = { deploymentId: string; priority: PriorityKey; total: number; done: number; notApplicable: number };

/** `client` lets a transaction read its own uncommitted item changes. */
export async function readinessByDeployment(
  deploymentIds: string[],
  client: Pick<Prisma.TransactionClient, "$queryRaw"> = db,
): Promise<Map<string, Readiness>> {
  const counts = new Map<string, ReadinessCounts>(deploymentIds.map((id) => [id, {}]));
  if (deploymentIds.length === 0) return new Map();
  const rows = await client.$queryRaw<Row[]>`
    SELECT st."deploymentId",
           COALESCE(s.priority::text, 'NONE') AS priority,
           COUNT(*)::int AS total,
           (COUNT(*) FILTER (WHERE st.status = 'DONE'))::int AS done,
           (COUNT(*) FILTER (WHERE st.status = 'NOT_APPLICABLE'))::int AS "notApplicable"
      FROM "ItemState" st
      JOIN "Item" i ON i.id = st."itemId"
      JOIN "Section" s ON s.id = i."sectionId"
     WHERE st."deploymentId" = ANY(${deploymentIds})
     GROUP BY 1, 2`;
  for (const row of rows) counts.get(row.deploymentId)![row.priority] = row;
  return new Map([...counts].map(([id, c]) => [id, computeReadiness(c)]));
}
