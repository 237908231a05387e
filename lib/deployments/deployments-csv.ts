// The overview as CSV, as filtered: the verdict and readiness percentage (the readiness
// module's), the pre-deployment items per priority (settled includes waived; "Waived" counts
// the items an approved, unexpired waiver settles), then the post-deployment verification.
// lib/csv.ts defuses the cells a spreadsheet would run as formulas (CSV injection).
import { toCsv } from "@/lib/csv";
import { verdictLabels } from "@/lib/checklists/readiness";
import type { DeploymentRow } from "@/lib/deployments/list-deployments";
import { statusLabels } from "@/lib/deployments/lifecycle";

const columns = [
  "Service",
  "Environment",
  "Version",
  "Status",
  "Verdict",
  "Readiness %",
  "Critical settled",
  "Critical total",
  "High settled",
  "High total",
  "Recommended settled",
  "Recommended total",
  "Waived",
  "Verification settled",
  "Verification total",
  "Owner",
  "Target date",
  "Target missed",
  "Template",
  "Template version",
  "Link",
];

export function deploymentsCsv(rows: DeploymentRow[], baseUrl: string): string {
  const settled = (row: DeploymentRow, key: "CRITICAL" | "HIGH" | "RECOMMENDED") => {
    const p = row.readiness.byPriority[key];
    return [p.total - p.open, p.total];
  };
  const records = rows.map((row) => [
    row.service,
    row.environment,
    row.version,
    statusLabels[row.status as keyof typeof statusLabels],
    verdictLabels[row.readiness.verdict],
    row.readiness.score,
    ...settled(row, "CRITICAL"),
    ...settled(row, "HIGH"),
    ...settled(row, "RECOMMENDED"),
    Object.values(row.readiness.byPriority).reduce((n, p) => n + p.waived, 0),
    row.verification.total - row.verification.open,
    row.verification.total,
    row.owner.name,
    row.targetDate?.toISOString().slice(0, 10) ?? "",
    row.missedTarget ? "yes" : "no",
    row.template.name,
    row.template.version,
    new URL(`/deployments/${row.id}`, baseUrl).toString(),
  ]);
  return toCsv([columns, ...records]);
}
