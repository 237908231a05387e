// The deployments list as a CSV file, with the overview's filters: the active ones, or every
// deployment with `scope=all` (the deployments page).
import "server-only";
import { z } from "zod";
import type { DownloadFile } from "@/lib/api/download";
import { deploymentsCsv } from "@/lib/deployments/deployments-csv";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";

export const deploymentsExportQuery = deploymentFiltersSchema.extend({
  scope: z.enum(["active", "all"], { error: "must be active or all" }).optional(),
});

/** `baseUrl`: the origin the rows' links point at. */
export async function exportDeploymentsCsv(
  query: z.infer<typeof deploymentsExportQuery>,
  baseUrl: string,
  now = new Date(),
): Promise<DownloadFile> {
  const { rows } = await listDeployments(query, { activeOnly: query.scope !== "all", all: true });
  return {
    body: deploymentsCsv(rows, baseUrl),
    filename: `preflight-deployments-${now.toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
  };
}
