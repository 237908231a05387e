// A new account gets a random one-time password, shown once to whoever created it and
// stored only as a hash; the user must replace it at first sign-in.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/actions/parse-input";
import { createUserSchema } from "@/lib/users/schemas";
import { userRowSelect, type ChangedBy, type UserRow } from "@/lib/users/user-row";

export type UserWithOneTimePassword = { user: UserRow; oneTimePassword: string };

export async function createUser(
  actor: Actor | null,
  input: z.input<typeof createUserSchema>,
  options?: DomainOptions,
): Promise<UserWithOneTimePassword> {
  requirePermission(actor, "user:manage");
  return insertUserWithOneTimePassword({ actorId: actor.id }, input, options);
}

/** The creation itself, for callers that already decided who may do it (the CLI, run by
 * someone with access to the server and its database). */
export async function insertUserWithOneTimePassword(
  by: ChangedBy,
  input: z.input<typeof createUserSchema>,
  options?: DomainOptions,
): Promise<UserWithOneTimePassword> {
  const data = parseInput(createUserSchema, input);
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const user = await dbOf(options).$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { ...data, passwordHash, mustChangePassword: true },
        select: userRowSelect,
      });
      await recordAudit(tx, {
        ...by,
        action: "user.create",
        entityType: "User",
        entityId: created.id,
        after: { email: created.email, name: created.name, role: created.role, mustChangePassword: true },
      });
      return created;
    });
    return { user, oneTimePassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `A user with the email ${data.email} already exists.`);
    throw error;
  }
}
