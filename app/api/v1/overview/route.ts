// GET /api/v1/overview — what the overview page shows: the counts, the first page of active
// deployments with the same filters, and the values the filters offer.
import { handleQuery } from "@/lib/api/route";
import { deploymentFiltersQuery } from "@/lib/api/v1/schemas";
import { loadOverview } from "@/lib/overview/load-overview";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleQuery(request, { scope: "READ" }, deploymentFiltersQuery, async (filters) => {
    const { counts, deployments, facets } = await loadOverview(filters);
    return {
      counts,
      deployments: {
        deployments: deployments.rows,
        page: filters.page,
        pageCount: deployments.pageCount,
        total: deployments.total,
      },
      facets,
    };
  });
}
