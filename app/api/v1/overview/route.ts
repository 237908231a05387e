// GET /api/v1/overview — what the overview page shows: the counts, the first page of active
// deployments with the same filters, and the values the filters offer.
import { handleApiRead } from "@/lib/api/route";
import { readOverview } from "@/lib/overview/load-overview";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRead(request, { scope: "READ" }, (query) => readOverview(query));
}
