// Which deployments a list shows, in which order: one SQL WHERE and ORDER BY built from the
// list's filters, used by the lists (listDeployments), the overview's cards (countDeployments)
// and the reminders (findDeploymentIds), so a card's count is the length of the list it
// links to by construction. Plain SQL rather than Prisma's where: the verdict and the open
// verification are facts about every leaf of the deployment's template version, a leaf
// without a state counting as open (as lib/deployments/readiness-query.ts counts them),
// which a relation filter cannot say.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { activeStatuses } from "@/lib/deployments/lifecycle";
import { missedTargetSql, organisationToday, reviewDueSql } from "@/lib/deployments/due-dates";
import { clearedToShipIds } from "@/lib/deployments/readiness-query";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { openLeavesSql, waivedSql } from "@/lib/waivers/sql";

/** Filters only: the page and the order do not change which deployments match. */
export type ListFilters = Partial<Omit<DeploymentFilters, "page" | "sort">>;

/** Statuses left out unless a filter chooses statuses itself (a status, the open
 * verification, a sign-off state). `activeOnly`: deployed and cancelled ones (the overview's
 * list). `withoutCancelled`: cancelled ones (the Trends, whose history includes deployed releases). */
export type ListScope = { activeOnly?: boolean; withoutCancelled?: boolean };

/** What the filters are judged against, read once per request. */
export type ListContext = { now: Date; today: Date; clearedIds: string[] | null };

/** `client`: the database the list itself is read from. */
export async function listContext(
  filters: ListFilters,
  now = new Date(),
  client: Pick<typeof db, "$queryRaw" | "setting"> = db,
): Promise<ListContext> {
  const [today, clearedIds] = await Promise.all([
    organisationToday(now, client),
    filters.signoff === "cleared" ? clearedToShipIds(now, client) : Promise.resolve(null),
  ]);
  return { now, today, clearedIds };
}

/** A pre-deployment or post-deployment leaf of the deployment `d` that is open (or has no
 * state) and that no approved, unexpired waiver settles. */
function openLeaf(kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT", now: Date, priority?: "CRITICAL" | "HIGH"): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 ${openLeavesSql(kind, Prisma.sql`NOT ${waivedSql(now)}`, priority)})`;
}

/** A pre-deployment leaf of `d` that an approved, unexpired waiver settles. */
function waivedLeaf(now: Date): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 ${openLeavesSql("PRE_DEPLOYMENT", waivedSql(now))})`;
}

/** The readiness module's verdict as a rank (No-go 0, Go with risks 1, Go with waivers 2, Go 3). */
function verdictRank(now: Date): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${openLeaf("PRE_DEPLOYMENT", now, "CRITICAL")} THEN 0
    WHEN ${openLeaf("PRE_DEPLOYMENT", now, "HIGH")} THEN 1 WHEN ${waivedLeaf(now)} THEN 2 ELSE 3 END)`;
}
const verdictRanks = { NO_GO: 0, GO_WITH_RISKS: 1, GO_WITH_WAIVERS: 2, GO: 3 } as const;

/** `%` and `_` in a search are letters, not wildcards. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

/** The condition on the deployment `d` that these filters select (TRUE when none). */
export function deploymentMatchSql(filters: ListFilters, scope: ListScope, context: ListContext): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  const choosesStatus = Boolean(filters.status || filters.verification || filters.signoff);
  if (scope.activeOnly && !choosesStatus) conditions.push(Prisma.sql`d.status::text = ANY(${[...activeStatuses]})`);
  if (scope.withoutCancelled && !choosesStatus) conditions.push(Prisma.sql`d.status <> 'CANCELLED'`);
  if (filters.status) conditions.push(Prisma.sql`d.status::text = ${filters.status}`);
  if (filters.service) conditions.push(Prisma.sql`lower(d.service) = lower(${filters.service})`);
  if (filters.environment) conditions.push(Prisma.sql`lower(d.environment) = lower(${filters.environment})`);
  if (filters.owner) conditions.push(Prisma.sql`d."ownerId" = ${filters.owner}`);
  if (filters.q) {
    const pattern = containing(filters.q);
    conditions.push(
      Prisma.sql`(d.service ILIKE ${pattern} OR d.environment ILIKE ${pattern} OR d.version ILIKE ${pattern})`,
    );
  }
  if (filters.verification === "open")
    conditions.push(Prisma.sql`(d.status = 'DEPLOYED' AND ${openLeaf("POST_DEPLOYMENT", context.now)})`);
  if (filters.verdict) conditions.push(Prisma.sql`${verdictRank(context.now)} = ${verdictRanks[filters.verdict]}`);
  if (filters.target === "missed") conditions.push(missedTargetSql(context.today));
  if (filters.signoff === "due") conditions.push(reviewDueSql(context.now));
  if (filters.signoff === "cleared") conditions.push(Prisma.sql`d.id = ANY(${context.clearedIds ?? []})`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

function whereSql(filters: ListFilters, scope: ListScope, context: ListContext): Prisma.Sql {
  return Prisma.sql`WHERE ${deploymentMatchSql(filters, scope, context)}`;
}

function orderSql(sort: DeploymentFilters["sort"], context: ListContext): Prisma.Sql {
  const byTarget = Prisma.sql`d."targetDate" ASC NULLS LAST, d."createdAt" DESC`;
  const order = {
    target: byTarget,
    service: Prisma.sql`d.service ASC, d.environment ASC, d."createdAt" DESC`,
    status: Prisma.sql`d.status ASC, ${byTarget}`,
    updated: Prisma.sql`d."updatedAt" DESC`,
    verdict: Prisma.sql`${verdictRank(context.now)} ASC, ${byTarget}`,
    // Missed first, the longest missed (the earliest target) first; then the rest by target.
    missed: Prisma.sql`(CASE WHEN ${missedTargetSql(context.today)} THEN 0 ELSE 1 END) ASC, ${byTarget}`,
  }[sort ?? "target"];
  // The id last: rows that tie stay in one order from page to page.
  return Prisma.sql`ORDER BY ${order}, d.id`;
}

/** How many deployments match: a card's number, a list's total. */
export async function countDeployments(
  filters: ListFilters,
  scope: ListScope = {},
  context?: ListContext,
): Promise<number> {
  const ctx = context ?? (await listContext(filters));
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT COUNT(*)::int AS count FROM "Deployment" d ${whereSql(filters, scope, ctx)}`;
  return row!.count;
}

/** The ids of one page (or, with `limit` only, the first `limit`), in the list's order. */
export async function findDeploymentIds(
  filters: ListFilters & Pick<DeploymentFilters, "sort">,
  scope: ListScope,
  page: { offset: number; limit: number },
  context?: ListContext,
): Promise<string[]> {
  const ctx = context ?? (await listContext(filters));
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "Deployment" d ${whereSql(filters, scope, ctx)}
     ${orderSql(filters.sort, ctx)}
     LIMIT ${page.limit} OFFSET ${page.offset}`;
  return rows.map((row) => row.id);
}
