// GET /api/v1/overview — what the overview page shows: the counts and the first page of
// active deployments, with the same filters.
import { handleQuery } from "@/lib/api/route";
import { deploymentFiltersQuery } from "@/lib/api/v1/schemas";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { overviewCounts } from "@/lib/overview/overview-counts";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleQuery(request, { scope: "READ" }, deploymentFiltersQuery, async (filters) => {
    const [counts, { rows, total, pageCount }] = await Promise.all([overviewCounts(), listDeployments(filters, { activeOnly: true })]);
    return { counts, deployments: { deployments: rows, page: filters.page, pageCount, total } };
  });
}
