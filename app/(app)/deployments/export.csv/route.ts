// GET /deployments/export.csv?<the overview's filters> — the filtered list as CSV.
import { handleDownload } from "@/lib/api/download";
import { deploymentsExportQuery, exportDeploymentsCsv } from "@/lib/deployments/export-deployments-csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleDownload(request, { query: deploymentsExportQuery, notFound: "Nothing to export." }, ({ query, url }) =>
    exportDeploymentsCsv(query, url.origin),
  );
}
