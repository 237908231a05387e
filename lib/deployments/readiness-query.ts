// Readiness and verification of many deployments in one aggregate query: counts per
// deployment, section kind and priority are summed in SQL, so no item rows are loaded into
// JavaScript. Readiness (the gate) counts pre-deployment items only; post-deployment items
// are the verification after the go-live.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  computeReadiness,
  computeVerification,
  type Counts,
  type PriorityKey,
  type Readiness,
  type ReadinessCounts,
  type Verification,
} from "@/lib/checklists/readiness";

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;
type Row = {
  deploymentId: string;
  kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT";
  priority: PriorityKey;
  total: number;
  done: number;
  notApplicable: number;
};

export type DeploymentProgress = { readiness: Readiness; verification: Verification };

/** `client` lets a transaction read its own uncommitted item changes. */
export async function progressByDeployment(
  deploymentIds: string[],
  client: Client = db,
): Promise<Map<string, DeploymentProgress>> {
  if (deploymentIds.length === 0) return new Map();
  const counts = new Map<string, { readiness: ReadinessCounts; verification: Counts }>(
    deploymentIds.map((id) => [id, { readiness: {}, verification: { total: 0, done: 0, notApplicable: 0 } }]),
  );
  const rows = await client.$queryRaw<Row[]>`
    SELECT st."deploymentId",
           s.kind::text AS kind,
           COALESCE(s.priority::text, 'NONE') AS priority,
           COUNT(*)::int AS total,
           (COUNT(*) FILTER (WHERE st.status = 'DONE'))::int AS done,
           (COUNT(*) FILTER (WHERE st.status = 'NOT_APPLICABLE'))::int AS "notApplicable"
      FROM "ItemState" st
      JOIN "Item" i ON i.id = st."itemId"
      JOIN "Section" s ON s.id = i."sectionId"
     WHERE st."deploymentId" = ANY(${deploymentIds})
       AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT')
     GROUP BY 1, 2, 3`;
  for (const row of rows) {
    const deployment = counts.get(row.deploymentId)!;
    if (row.kind === "PRE_DEPLOYMENT") deployment.readiness[row.priority] = row;
    else {
      deployment.verification.total += row.total;
      deployment.verification.done += row.done;
      deployment.verification.notApplicable += row.notApplicable;
    }
  }
  return new Map(
    [...counts].map(([id, c]) => [
      id,
      { readiness: computeReadiness(c.readiness), verification: computeVerification(c.verification) },
    ]),
  );
}

/** Readiness only (pre-deployment items): what submitting, approving and invalidating ask. */
export async function readinessByDeployment(
  deploymentIds: string[],
  client: Client = db,
): Promise<Map<string, Readiness>> {
  const progress = await progressByDeployment(deploymentIds, client);
  return new Map([...progress].map(([id, p]) => [id, p.readiness]));
}
