// Audit events: written in the same transaction as the change they record, each linked
// to its predecessor by hash (docs/decisions/0006-audit-hash-chain.md). The database
// refuses to update or delete them (migration 20261127220000_audit_append_only).
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventHash, toJsonValue } from "@/lib/audit/canonical";
import { AUDIT_CHAIN_LOCK, chainHead } from "@/lib/audit/chain";
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
export async function appendAuditEvent(tx: Prisma.TransactionClient, event: AuditInput, createdAt: Date): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const prevHash = await chainHead(tx);
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
  const hash = auditEventHash({ ...content, prevHash });
  await tx.auditEvent.create({
    data: { ...content, before: content.before ?? undefined, after: content.after ?? undefined, prevHash, hash },
  });
}
