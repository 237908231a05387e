// Any signed-in user changes their own password (and must, while they hold a one-time
// password). The old sessions end (tokenVersion bump), so the caller signs in again.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-strength";
import { accountKey, attemptSucceeded, beginAttempt } from "@/lib/auth/rate-limit";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import { parseInput } from "@/lib/actions/parse-input";
import { changePasswordSchema } from "@/lib/users/schemas";

export async function changeOwnPassword(
  actor: { id: string } | null,
  input: z.input<typeof changePasswordSchema>,
  options?: DomainOptions,
): Promise<void> {
  // No role grants this: the permission is being the signed-in owner of the account, and
  // the write below is scoped to that account only.
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const prisma = dbOf(options);
  const user = await prisma.user.findUnique({
    where: { id: actor.id },
    select: { id: true, email: true, name: true, active: true, passwordHash: true, tokenVersion: true },
  });
  if (!user?.active) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  // The schema checks the length (in the browser too); how guessable it is needs the
  // dictionaries, which stay on the server.
  const weakness = passwordWeakness(newPassword, [user.email, user.name]);
  if (weakness) throw invalidField("newPassword", weakness);

  // A stolen session must not become a way to guess the password: wrong current passwords
  // count in a per-account window (10 in 15 minutes). Only a session holder can use it up,
  // so unlike the sign-in delay (lib/auth/rate-limit.ts) it cannot lock out anyone else.
  const attempt = await beginAttempt(prisma, [accountKey(user.email)]);
  if (!attempt.allowed)
    throw new AppError("RATE_LIMITED", "Too many wrong passwords. Wait 15 minutes, then try again.");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw invalidField("currentPassword", "Your current password is not correct.");
  }
  await attemptSucceeded(prisma, attempt);

  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    // Guarded by tokenVersion: if an admin reset or deactivated the account meanwhile, their change wins.
    const updated = await tx.user.updateMany({
      where: { id: user.id, active: true, tokenVersion: user.tokenVersion },
      data: { passwordHash, mustChangePassword: false, tokenVersion: { increment: 1 } },
    });
    if (updated.count === 0)
      throw new AppError("CONFLICT", "Your account was changed by an administrator meanwhile. Sign in again.");
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password.change",
      entityType: "User",
      entityId: user.id,
      after: { mustChangePassword: false },
    });
  });
}
