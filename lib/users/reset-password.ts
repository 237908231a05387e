// An admin (or the CLI) replaces a user's password with a new one-time password: every
// session of the user ends at its next request, the API tokens that speak for them are
// revoked (a reset is for an account that may be in other hands: what speaks for it goes
// with its sessions), and the user must choose a new password. A password change by the
// user themself keeps the tokens: they are the pipelines' and only admins issue them.
import "server-only";
import type { z } from "zod";
import { revokeApiTokensOfUser } from "@/lib/api-tokens/revoke-api-token";
import { recordAudit } from "@/lib/audit/record";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { clearAccountFailures } from "@/lib/auth/rate-limit";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UserWithOneTimePassword } from "@/lib/users/create-user";
import { parseInput } from "@/lib/actions/parse-input";
import { resetPasswordSchema, userEmailSchema } from "@/lib/users/schemas";
import { lockUser, userRowSelect, type ChangedBy } from "@/lib/users/user-row";

export async function resetPassword(
  actor: Actor | null,
  input: z.input<typeof resetPasswordSchema>,
  options?: DomainOptions,
): Promise<UserWithOneTimePassword> {
  requirePermission(actor, "user:manage");
  const { userId } = parseInput(resetPasswordSchema, input);
  // Resetting one's own password here would sign the admin out with a password someone
  // else could have seen; the account page is the place for it.
  if (userId === actor.id)
    throw new AppError("FORBIDDEN", "Change your own password on the account page (/account/password), not here.");
  return setOneTimePassword({ actorId: actor.id }, { userId }, options);
}

/** The reset itself, for callers that already decided who may do it (the CLI). */
export async function setOneTimePassword(
  by: ChangedBy,
  input: z.input<typeof resetPasswordSchema>,
  options?: DomainOptions,
): Promise<UserWithOneTimePassword> {
  const { userId } = parseInput(resetPasswordSchema, input);
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await dbOf(options).$transaction(async (tx) => {
    const before = await lockUser(tx, userId);
    const after = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, tokenVersion: { increment: 1 } },
      select: userRowSelect,
    });
    await clearAccountFailures(tx, after.email);
    const revoked = await revokeApiTokensOfUser(tx, by, { userId, reason: "user.password.reset" });
    await recordAudit(tx, {
      ...by,
      action: "user.password.reset",
      entityType: "User",
      entityId: userId,
      before: { mustChangePassword: before.mustChangePassword },
      after: { mustChangePassword: true, apiTokensRevoked: revoked.length },
    });
    return after;
  });
  return { user, oneTimePassword };
}

/** The CLI names users by email. */
export async function userIdByEmail(input: z.input<typeof userEmailSchema>, options?: DomainOptions): Promise<string> {
  const { email } = parseInput(userEmailSchema, input);
  const user = await dbOf(options).user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", `There is no user with the email ${email}.`);
  return user.id;
}
