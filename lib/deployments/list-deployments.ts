// The deployments list: filters, search, a page at a time, with readiness per row.
import { deploymentHeadSelect } from "@/lib/deployments/deployment-head";
import "server-only";
import { db } from "@/lib/db";
import type { Readiness, Verification } from "@/lib/checklists/readiness";
import { progressByDeployment } from "@/lib/deployments/readiness-query";
import { parseInput } from "@/lib/actions/parse-input";
import { deploymentFiltersSchema, type DeploymentFilters } from "@/lib/deployments/schemas";
import { missedTarget } from "@/lib/deployments/due-dates";
import { countDeployments, findDeploymentIds, listContext, type ListScope } from "@/lib/deployments/list-query";

export const DEPLOYMENTS_PAGE_SIZE = 25;

export type DeploymentRow = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: string;
  targetDate: Date | null;
  updatedAt: Date;
  owner: { id: string; name: string };
  template: { name: string; version: number };
  /** Pre-deployment items: the gate. */
  readiness: Readiness;
  /** Post-deployment verification, ticked after the go-live. */
  verification: Verification;
  /** Not deployed or cancelled, and the target date is before today (lib/deployments/due-dates.ts). */
  missedTarget: boolean;
};

/** Most rows one export returns; a larger result is cut, and the caller says so. */
export const EXPORT_LIMIT = 10_000;

/** Which rows match and in which order is list-query.ts's (the cards count with it too).
 * `all`: every matching row (exports). `page` is the page read: the one asked for, or the
 * last one when that is past the end. */
export async function listDeployments(
  filters: DeploymentFilters,
  options: ListScope & { all?: boolean } = {},
): Promise<{ rows: DeploymentRow[]; total: number; page: number; pageCount: number }> {
  const context = await listContext(filters);
  const readPage = (page: number) =>
    findDeploymentIds(
      filters,
      options,
      options.all
        ? { offset: 0, limit: EXPORT_LIMIT }
        : { offset: (page - 1) * DEPLOYMENTS_PAGE_SIZE, limit: DEPLOYMENTS_PAGE_SIZE },
      context,
    );
  const [total, requested] = await Promise.all([countDeployments(filters, options, context), readPage(filters.page)]);
  const pageCount = Math.max(1, Math.ceil(total / DEPLOYMENTS_PAGE_SIZE));
  // A page past the last one (an old link, a hand-typed ?page=999) shows the last page, so
  // the list never says "none" beside a total. Read again only then: the usual page is read
  // beside the count, not after it.
  const page = options.all ? 1 : Math.min(filters.page, pageCount);
  const ids = page === filters.page || options.all ? requested : await readPage(page);
  const [deployments, progress] = await Promise.all([
    db.deployment.findMany({
      where: { id: { in: ids } },
      select: {
        ...deploymentHeadSelect,
        templateVersion: { select: { number: true, template: { select: { name: true } } } },
      },
    }),
    progressByDeployment(ids),
  ]);
  const byId = new Map(deployments.map((d) => [d.id, d]));
  const rows = ids.flatMap((id) => {
    const found = byId.get(id);
    if (!found) return []; // deleted between the two reads
    const { templateVersion, ...d } = found;
    return [
      {
        ...d,
        template: { name: templateVersion.template.name, version: templateVersion.number },
        missedTarget: missedTarget(d, context.today),
        ...progress.get(id)!,
      },
    ];
  });
  return { rows, total, page, pageCount };
}

export type DeploymentsPage = { deployments: DeploymentRow[]; page: number; pageCount: number; total: number };

/** One page of the deployments list for API callers; `query` is the query string, parsed
 * with the overview's filter schema (a bad filter is a 400 naming it). A page past the last
 * answers the last page, with its number. */
export async function listDeploymentsPage(query: unknown): Promise<DeploymentsPage> {
  const filters = parseInput(deploymentFiltersSchema, query);
  const { rows, total, page, pageCount } = await listDeployments(filters);
  return { deployments: rows, page, pageCount, total };
}

/** Distinct services, environments and owners, for the filter menus. */
export async function deploymentFacets(): Promise<{
  services: string[];
  environments: string[];
  owners: { id: string; name: string }[];
}> {
  const [services, environments, owners] = await Promise.all([
    // groupBy runs as GROUP BY in Postgres; findMany's `distinct` would de-duplicate in memory.
    db.deployment.groupBy({ by: ["service"], orderBy: { service: "asc" }, take: 200 }),
    db.deployment.groupBy({ by: ["environment"], orderBy: { environment: "asc" }, take: 100 }),
    db.user.findMany({
      where: { ownedDeployments: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return { services: services.map((s) => s.service), environments: environments.map((e) => e.environment), owners };
}
