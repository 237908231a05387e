// GET /api/v1/deployments — the deployments list with the overview's filters, a page at a time.
// POST /api/v1/deployments — create a deployment from a template version.
import { handleApiJson, handleQuery } from "@/lib/api/route";
import { createDeploymentBody, deploymentFiltersQuery } from "@/lib/api/v1/schemas";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { listDeployments } from "@/lib/deployments/list-deployments";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleQuery(request, { scope: "READ" }, deploymentFiltersQuery, async (filters) => {
    const { rows, total, pageCount } = await listDeployments(filters);
    return { deployments: rows, page: filters.page, pageCount, total };
  });
}

export async function POST(request: Request) {
  return handleApiJson(
    request,
    { scope: "WRITE" },
    createDeploymentBody,
    async (input, caller) => {
      const { id } = await createDeployment(caller.actor, input);
      return { id, url: `/api/v1/deployments/${id}` };
    },
    { status: 201 },
  );
}
