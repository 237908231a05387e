// GET /deployments/export.csv?<the overview's filters> — the filtered list as CSV.
import { handleDownload } from "@/lib/api/download";
import { deploymentsExportQuery, exportDeploymentsCsv } from "@/lib/deployments/export-deployments-csv";
import { publicOrigin } from "@/lib/security/origin";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleDownload(request, { query: deploymentsExportQuery, notFound: "Nothing to export." }, ({ query }) =>
    exportDeploymentsCsv(query, publicOrigin(request.headers)),
  );
}
