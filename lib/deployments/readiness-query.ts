// Readiness and verification of many deployments in one aggregate query: leaf counts per
// deployment, section kind and priority are summed in SQL, so no item rows are loaded into
// JavaScript, and the readiness module (lib/checklists/readiness.ts) turns them into the
// verdict and the percentages, as it does for a loaded checklist. Readiness counts
// pre-deployment leaves only; post-deployment leaves are the verification after the go-live.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  computeReadiness,
  computeVerification,
  isClearedToShip,
  type Counts,
  type PriorityKey,
  type Readiness,
  type ReadinessCounts,
  type SignOffFacts,
  type Verification,
} from "@/lib/checklists/readiness";
import type { DeploymentStatus } from "@/lib/deployments/lifecycle";
import { unmetGroups, type GroupApproval } from "@/lib/signoff/approver-groups";
import { expiredWaiverSql, openLeavesSql, pendingWaiverSql, waivedSql } from "@/lib/waivers/sql";

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;
type Row = {
  deploymentId: string;
  kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT";
  priority: PriorityKey;
  total: number;
  done: number;
  notApplicable: number;
  waived: number;
};

export type DeploymentProgress = { readiness: Readiness; verification: Verification };

/** `client` lets a transaction read its own uncommitted item changes. */
export async function progressByDeployment(
  deploymentIds: string[],
  client: Client = db,
  now = new Date(),
): Promise<Map<string, DeploymentProgress>> {
  if (deploymentIds.length === 0) return new Map();
  return progressWhere(Prisma.sql`d.id = ANY(${deploymentIds})`, deploymentIds, client, now);
}

/** `ids`: the deployments `filter` finds that have an entry even with no leaves at all. */
async function progressWhere(filter: Prisma.Sql, ids: string[], client: Client, now: Date) {
  const counts = new Map<string, { readiness: ReadinessCounts; verification: Counts }>();
  const countsOf = (id: string) => {
    let entry = counts.get(id);
    if (!entry) counts.set(id, (entry = { readiness: {}, verification: { total: 0, done: 0, notApplicable: 0 } }));
    return entry;
  };
  ids.forEach(countsOf);
  // Every leaf of the deployment's template version, with its state when it has one (a leaf
  // without a state counts as open), as the checklist page walks them.
  const rows = await client.$queryRaw<Row[]>`
    SELECT d.id AS "deploymentId",
           s.kind::text AS kind,
           COALESCE(s.priority::text, 'NONE') AS priority,
           COUNT(*)::int AS total,
           (COUNT(*) FILTER (WHERE st.status = 'DONE'))::int AS done,
           (COUNT(*) FILTER (WHERE st.status = 'NOT_APPLICABLE'))::int AS "notApplicable",
           (COUNT(*) FILTER (WHERE (st.status IS NULL OR st.status = 'OPEN') AND ${waivedSql(now)}))::int AS waived
      FROM "Deployment" d
      JOIN "Item" i ON i."templateVersionId" = d."templateVersionId" AND i."isLeaf"
      JOIN "Section" s ON s.id = i."sectionId"
      LEFT JOIN "ItemState" st ON st."itemId" = i.id AND st."deploymentId" = d.id
     WHERE ${filter}
       AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT')
     GROUP BY 1, 2, 3`;
  for (const row of rows) {
    const deployment = countsOf(row.deploymentId);
    if (row.kind === "PRE_DEPLOYMENT") deployment.readiness[row.priority] = row;
    else {
      deployment.verification.total += row.total;
      deployment.verification.done += row.done;
      deployment.verification.notApplicable += row.notApplicable;
    }
  }
  return new Map<string, DeploymentProgress>(
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

type FactsRow = {
  id: string;
  status: DeploymentStatus;
  requiredApprovals: number;
  approvals: number;
  nextReviewAt: Date | null;
  lastApprovedAt: Date | null;
  lastInvalidatedAt: Date | null;
  lastDecision: "APPROVED" | "REJECTED" | null;
  highBlocksGate: boolean;
  pendingWaivers: number;
  expiredWaivers: number;
  requiredGroups: string[];
  approvalGroups: GroupApproval[] | null;
};

/** Open pre-deployment leaves of `d` whose current waiver is in `phase` (0 without waivers,
 * cheaply: most deployments have none). */
function openLeavesWith(phase: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN EXISTS (SELECT 1 FROM "Waiver" w0 WHERE w0."deploymentId" = d.id)
    THEN (SELECT COUNT(*) ${openLeavesSql("PRE_DEPLOYMENT", phase)}) ELSE 0 END)::int`;
}

/** The sign-off facts the gate weighs, per deployment, as lib/signoff/sign-off-view.ts reads
 * them for one: standing approvals, the earliest review date among them, an invalidation
 * nobody approved after (invalidations a rejection caused are the rejection's), the last decision. */
export async function signOffFactsByDeployment(
  deploymentIds: string[],
  client: Client = db,
  now = new Date(),
): Promise<Map<string, SignOffFacts>> {
  if (deploymentIds.length === 0) return new Map();
  return signOffFactsWhere(Prisma.sql`d.id = ANY(${deploymentIds})`, client, now);
}

async function signOffFactsWhere(filter: Prisma.Sql, client: Client, now: Date): Promise<Map<string, SignOffFacts>> {
  const rows = await client.$queryRaw<FactsRow[]>`
    SELECT d.id, d.status::text AS status, v."requiredApprovals", v."highBlocksGate",
           ${openLeavesWith(pendingWaiverSql)} AS "pendingWaivers",
           ${openLeavesWith(expiredWaiverSql(now))} AS "expiredWaivers",
           (SELECT COALESCE(JSON_AGG(g.slug ORDER BY g.slug), '[]'::json) FROM "ReviewerGroup" g
             WHERE g.id = v."approverGroupId"
                OR g.id IN (SELECT sg."approverGroupId" FROM "Section" sg WHERE sg."templateVersionId" = v.id)) AS "requiredGroups",
           JSON_AGG(JSON_BUILD_OBJECT('reviewerId', so."reviewerId", 'groups', so.groups))
             FILTER (WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL) AS "approvalGroups",
           (COUNT(so.id) FILTER (WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL))::int AS approvals,
           MIN(so."nextReviewAt") FILTER (WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL) AS "nextReviewAt",
           MAX(so."createdAt") FILTER (WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL) AS "lastApprovedAt",
           MAX(so."invalidatedAt") FILTER (
             WHERE so.decision = 'APPROVED' AND so."invalidatedAt" IS NOT NULL
               AND so."invalidationReason" IS DISTINCT FROM 'Rejected by a reviewer') AS "lastInvalidatedAt",
           (ARRAY_AGG(so.decision::text ORDER BY so."createdAt" DESC) FILTER (WHERE so.id IS NOT NULL))[1] AS "lastDecision"
      FROM "Deployment" d
      JOIN "TemplateVersion" v ON v.id = d."templateVersionId"
      LEFT JOIN "SignOff" so ON so."deploymentId" = d.id
     WHERE ${filter}
     GROUP BY d.id, d.status, d."templateVersionId", v.id, v."requiredApprovals", v."highBlocksGate", v."approverGroupId"`;
  return new Map(
    rows.map((row) => {
      const rejected = row.lastDecision === "REJECTED" && (row.status === "REJECTED" || row.status === "IN_PROGRESS");
      const invalidated =
        row.lastInvalidatedAt !== null &&
        (row.lastApprovedAt === null || row.lastApprovedAt < row.lastInvalidatedAt) &&
        !rejected;
      const facts: SignOffFacts = {
        status: row.status,
        approvals: row.approvals,
        requiredApprovals: row.requiredApprovals,
        nextReviewAt: row.nextReviewAt,
        invalidated,
        rejected,
        highBlocksGate: row.highBlocksGate,
        unmetGroups: unmetGroups(row.requiredGroups, row.approvalGroups ?? []),
        pendingWaivers: row.pendingWaivers,
        expiredWaivers: row.expiredWaivers,
      };
      return [row.id, facts];
    }),
  );
}

/** Whether each deployment is cleared to ship (signed off, the gate would answer 200). */
export async function clearedToShipByDeployment(
  deploymentIds: string[],
  now = new Date(),
  client: Client = db,
): Promise<Map<string, boolean>> {
  const [progress, facts] = await Promise.all([
    progressByDeployment(deploymentIds, client, now),
    signOffFactsByDeployment(deploymentIds, client, now),
  ]);
  const readiness = new Map([...progress].map(([id, p]) => [id, p.readiness]));
  return new Map(deploymentIds.map((id) => [id, isClearedToShip(readiness.get(id)!, facts.get(id)!, now)]));
}

/** The deployments cleared to ship: the signed-off ones the gate's rules pass, in two
 * aggregate queries however many there are. */
export async function clearedToShipIds(now = new Date(), client: Client = db): Promise<string[]> {
  const signedOff = Prisma.sql`d.status = 'SIGNED_OFF'`;
  const [progress, facts] = await Promise.all([
    progressWhere(signedOff, [], client, now),
    signOffFactsWhere(signedOff, client, now),
  ]);
  const none = computeReadiness({});
  return [...facts].filter(([id, f]) => isClearedToShip(progress.get(id)?.readiness ?? none, f, now)).map(([id]) => id);
}
