// GET /api/v1/audit — the audit log, filtered, newest first, with cursor pagination.
import { handleQuery } from "@/lib/api/route";
import { readAuditLog } from "@/lib/api/v1/audit-log";
import { auditQuery } from "@/lib/api/v1/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleQuery(request, { scope: "READ", permission: "audit:read" }, auditQuery, (query, caller) =>
    readAuditLog(caller.actor, query),
  );
}
