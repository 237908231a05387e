// Audit events: written in the same transaction as the change they record, each linked
// to its predecessor by hash (docs/decisions/0006-audit-hash-chain.md). The database
// refuses to update or delete them (migration 20261127220000_audit_append_only).
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventHashPrefix, toJsonValue } from "@/lib/audit/canonical";
import { currentAuditLabel } from "@/lib/audit/context";

export type AuditInput = {
  actorId?: string | null;
  actorLabel?: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/**
 * Appends one event to the chain. It holds the chain lock until the caller's transaction
 * ends, so other audited writes wait from here to commit: call it last, or close to it.
 */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditInput): Promise<void> {
  await appendAuditEvent(tx, event, new Date());
}

/** recordAudit with the time given: for importing history and for tests of retention. */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  event: AuditInput,
  createdAt: Date,
): Promise<void> {
  // Stored exactly as hashed: jsonb keeps the values (not their order), TIMESTAMP(3) keeps ms.
  const content = {
    createdAt,
    actorId: event.actorId ?? null,
    actorLabel: event.actorLabel ?? currentAuditLabel() ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: toJsonValue(event.before),
    after: toJsonValue(event.after),
  };
  const json = (value: typeof content.before) => (value === null ? null : JSON.stringify(value));
  // One statement: audit_chain_link takes the chain lock (held to commit), reads the head and
  // hashes the canonical form completed with it — the same hash auditEventHash computes.
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "entityType", "entityId", "before", "after", "createdAt", "prevHash", "hash")
    SELECT ${content.actorId}, ${content.actorLabel}, ${content.action}, ${content.entityType}, ${content.entityId},
           ${json(content.before)}::jsonb, ${json(content.after)}::jsonb,
           (${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC')::timestamp(3), link."prevHash", link."hash"
      FROM audit_chain_link(${auditEventHashPrefix(content)}) AS link`;
}
