// Everything the overview shows, in one call: the count cards, the first (or requested)
// page of active deployments with readiness, and the filter menus. The number of SQL
// statements is fixed — it does not grow with deployments or items (overview-queries.int.test.ts).
import "server-only";
import { deploymentFacets, listDeployments, type DeploymentRow } from "@/lib/deployments/list-deployments";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { overviewCounts, type OverviewCounts } from "@/lib/overview/overview-counts";

export type Overview = {
  counts: OverviewCounts;
  deployments: { rows: DeploymentRow[]; total: number; pageCount: number };
  facets: Awaited<ReturnType<typeof deploymentFacets>>;
};

/** Callers check who may read it; this is the data only. */
export async function loadOverview(filters: DeploymentFilters): Promise<Overview> {
  const [counts, deployments, facets] = await Promise.all([
    overviewCounts(),
    listDeployments(filters, { activeOnly: true }),
    deploymentFacets(),
  ]);
  return { counts, deployments, facets };
}
