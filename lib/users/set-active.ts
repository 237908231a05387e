// Deactivation ends every session of the user at their next request (tokenVersion bump);
// the account, its history and its audit trail stay.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/actions/parse-input";
import { setActiveSchema } from "@/lib/users/schemas";
import { lockUser, userRowSelect, type UserRow } from "@/lib/users/user-row";

export async function setActive(
  actor: Actor | null,
  input: z.input<typeof setActiveSchema>,
  options?: DomainOptions,
): Promise<UserRow> {
  requirePermission(actor, "user:manage");
  const { userId, active } = parseInput(setActiveSchema, input);
  if (userId === actor.id && !active)
    throw new AppError("FORBIDDEN", "You cannot deactivate your own account. Ask another admin to do it.");
  return dbOf(options).$transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.active === active) return before;
    const after = await tx.user.update({
      where: { id: userId },
      data: { active, tokenVersion: { increment: 1 } },
      select: userRowSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivate" : "user.deactivate",
      entityType: "User",
      entityId: userId,
      before: { active: before.active },
      after: { active },
    });
    return after;
  });
}
