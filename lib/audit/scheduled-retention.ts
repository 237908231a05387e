// The "audit-retention" job: AUDIT_RETENTION_DAYS' export-and-remove (retention.ts), daily on
// the job queue. The export file is written to DATA_DIR/audit-exports of the instance whose
// runner takes the job — with several instances, give them one shared DATA_DIR or run the
// retention from one place (`npm run cli -- audit retain`).
import "server-only";
import path from "node:path";
import { retainAuditEvents } from "@/lib/audit/retention";
import type { DbClient } from "@/lib/db";
import { env } from "@/lib/env";

export type ScheduledRetention =
  { skipped: string } | { removed: number; cutoff: string; exportFile: string | null; checkpointId: string | null };

export async function runScheduledRetention(options: { db: DbClient; now?: Date }): Promise<ScheduledRetention> {
  const { AUDIT_RETENTION_DAYS: days, DATA_DIR } = env();
  if (!days) return { skipped: "AUDIT_RETENTION_DAYS is not set: audit events are kept forever" };
  const exportDir = path.resolve(DATA_DIR, "audit-exports");
  const result = await retainAuditEvents({ days, exportDir }, options);
  return {
    removed: result.removed,
    cutoff: result.cutoff.toISOString(),
    exportFile: result.plan?.exportFile ?? null,
    checkpointId: result.checkpointId?.toString() ?? null,
  };
}
