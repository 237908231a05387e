// GET /deployments/export.csv?<the overview's filters> — the filtered list as CSV.
import { getCurrentUser } from "@/lib/auth/session";
import { deploymentsCsv } from "@/lib/deployments/deployments-csv";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { parseDeploymentFilters } from "@/lib/deployments/parse-filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  if (!(await getCurrentUser())) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const url = new URL(request.url);
  const { filters, problem } = parseDeploymentFilters(Object.fromEntries(url.searchParams));
  if (problem) return Response.json({ error: `Bad filter: ${problem}.` }, { status: 400 });
  const activeOnly = url.searchParams.get("scope") !== "all";
  const { rows } = await listDeployments(filters, { activeOnly, all: true });
  return new Response(deploymentsCsv(rows, url.origin), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="preflight-deployments-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
