// GET /api/v1/deployments — the deployments list with the overview's filters, a page at a time.
// POST /api/v1/deployments — create a deployment from a template version.
import { asDomainInput, handleApiRead, handleApiWrite } from "@/lib/api/route";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { listDeploymentsPage } from "@/lib/deployments/list-deployments";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRead(request, { scope: "READ" }, (query) => listDeploymentsPage(query));
}

export async function POST(request: Request) {
  return handleApiWrite(
    request,
    { scope: "WRITE" },
    async (body, caller) => {
      const { id } = await createDeployment(caller.actor, asDomainInput(body));
      return { id, url: `/api/v1/deployments/${id}` };
    },
    { status: 201 },
  );
}
