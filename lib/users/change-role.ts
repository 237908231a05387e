// A role change ends the user's sessions (tokenVersion bump), as deactivation and a
// password reset do: what they may do changed, so they sign in again under the new role.
// Their API tokens keep working with the new role's permissions (read on every request).
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/actions/parse-input";
import { changeRoleSchema } from "@/lib/users/schemas";
import { lockUser, userRowSelect, type UserRow } from "@/lib/users/user-row";

export async function changeRole(
  actor: Actor | null,
  input: z.input<typeof changeRoleSchema>,
  options?: DomainOptions,
): Promise<UserRow> {
  requirePermission(actor, "user:manage");
  const { userId, role } = parseInput(changeRoleSchema, input);
  // Only an admin gets here, so any change of one's own role is a demotion; another admin
  // must do it, which also guarantees there is always an admin left.
  if (userId === actor.id && role !== "ADMIN")
    throw new AppError("FORBIDDEN", "You cannot change your own role. Ask another admin to do it.");
  return dbOf(options).$transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.role === role) return before;
    const after = await tx.user.update({
      where: { id: userId },
      data: { role, tokenVersion: { increment: 1 } },
      select: userRowSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.role.change",
      entityType: "User",
      entityId: userId,
      before: { role: before.role },
      after: { role },
    });
    return after;
  });
}
