// GET /api/v1/audit — the audit log, filtered, newest first, with cursor pagination.
import { handleApiRead } from "@/lib/api/route";
import { readAuditLog } from "@/lib/api/v1/audit-log";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRead(request, { scope: "READ", permission: "audit:read" }, (query, caller) =>
    readAuditLog(caller.actor, query),
  );
}
