// What the user admin shows and returns: never the password hash.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const userRowSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  mustChangePassword: true,
  lastSignInAt: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userRowSelect }>;

/** Who a change is recorded against: a signed-in admin, or a trusted process (CLI, start-up). */
export type ChangedBy = { actorId: string } | { actorLabel: string };

/** Locks the user's row for the rest of the transaction, so concurrent admin changes apply
 * one after the other and each audit event's "before" is what it really replaced. */
export async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<UserRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", "That user does not exist.");
  return tx.user.findUniqueOrThrow({ where: { id: userId }, select: userRowSelect });
}
