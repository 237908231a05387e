// The audit log for API callers: filters, newest first, cursor pagination by event id
// (stable while new events arrive, unlike page numbers).
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { auditEventContentSelect } from "@/lib/audit/chain";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditQuery, type auditPageResponse } from "@/lib/api/v1/schemas";

type AuditPage = z.input<typeof auditPageResponse>;

/** `input`: the filters, e.g. the query string, parsed with auditQuery. */
export async function readAuditLog(actor: Actor | null, input: unknown): Promise<AuditPage> {
  requirePermission(actor, "audit:read");
  const query = parseInput(auditQuery, input);
  const where: Prisma.AuditEventWhereInput = {
    entityType: query.entityType,
    entityId: query.entityId,
    actorId: query.actorId,
    action: query.action,
    createdAt: query.from || query.to ? { gte: query.from, lt: query.to } : undefined,
    id: query.cursor ? { lt: BigInt(query.cursor) } : undefined,
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: query.limit + 1,
    select: {
      ...auditEventContentSelect,
      actor: { select: { name: true, email: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((event) => ({
      ...event,
      id: event.id.toString(),
      createdAt: event.createdAt.toISOString(),
      before: event.before ?? null,
      after: event.after ?? null,
    })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id.toString() : null,
  };
}
