// Audit events: written in the same transaction as the change they record.
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditInput = {
  actorId?: string | null;
  actorLabel?: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

type AuditWriter = { auditEvent: { create: (args: { data: Prisma.AuditEventUncheckedCreateInput }) => Promise<unknown> } };

export async function recordAudit(tx: AuditWriter, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId ?? null,
      actorLabel: event.actorLabel ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before,
      after: event.after,
    },
  });
}
