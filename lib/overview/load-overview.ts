// Everything the overview shows, in one call: the count cards, the first (or requested)
// page of active deployments with readiness, and the filter menus. The number of SQL
// statements is fixed — it does not grow with deployments or items (overview-queries.int.test.ts).
import "server-only";
import {
  deploymentFacets,
  listDeployments,
  type DeploymentRow,
  type DeploymentsPage,
} from "@/lib/deployments/list-deployments";
import { parseInput } from "@/lib/actions/parse-input";
import { deploymentFiltersSchema, type DeploymentFilters } from "@/lib/deployments/schemas";
import { overviewCounts, type OverviewCounts } from "@/lib/overview/overview-counts";

export type Overview = {
  counts: OverviewCounts;
  deployments: { rows: DeploymentRow[]; total: number; page: number; pageCount: number };
  facets: Awaited<ReturnType<typeof deploymentFacets>>;
};

/** Callers check who may read it; this is the data only. */
export async function loadOverview(filters: DeploymentFilters): Promise<Overview> {
  const [counts, deployments, facets] = await Promise.all([
    overviewCounts(filters),
    listDeployments(filters, { activeOnly: true }),
    deploymentFacets(),
  ]);
  return { counts, deployments, facets };
}

/** The overview for API callers; `query` is the query string, parsed with the filter schema. */
export async function readOverview(
  query: unknown,
): Promise<Omit<Overview, "deployments"> & { deployments: DeploymentsPage }> {
  const filters = parseInput(deploymentFiltersSchema, query);
  const { counts, deployments, facets } = await loadOverview(filters);
  const { rows, total, page, pageCount } = deployments;
  return { counts, deployments: { deployments: rows, page, pageCount, total }, facets };
}
