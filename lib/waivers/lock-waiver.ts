// A waiver's row, locked for the decision, revocation or expiry that changes it.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Priority, WaiverStatus } from "@/lib/generated/prisma/enums";

export type LockedWaiver = {
  id: string;
  deploymentId: string;
  itemKey: string;
  itemText: string;
  priority: Priority | null;
  status: WaiverStatus;
  expiresAt: Date;
  requiredApprovals: number;
  requestedById: string;
};

export async function lockWaiver(tx: Prisma.TransactionClient, waiverId: string): Promise<LockedWaiver> {
  const rows = await tx.$queryRaw<LockedWaiver[]>`
    SELECT id, "deploymentId", "itemKey", "itemText", priority, status, "expiresAt", "requiredApprovals", "requestedById"
      FROM "Waiver" WHERE id = ${waiverId} FOR UPDATE`;
  const waiver = rows[0];
  if (!waiver) throw new AppError("NOT_FOUND", "That waiver does not exist.");
  return waiver;
}
