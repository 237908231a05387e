// Revoking takes effect on the token's next request: authentication reads the row every time.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { apiTokenRowSelect, type ApiTokenRow } from "@/lib/api-tokens/token-row";
import type { ChangedBy } from "@/lib/users/user-row";

export async function revokeApiToken(
  actor: Actor | null,
  input: z.input<typeof revokeApiTokenSchema>,
  options?: DomainOptions,
): Promise<ApiTokenRow> {
  requirePermission(actor, "token:manage");
  const { tokenId } = parseInput(revokeApiTokenSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const now = new Date();
    // Conditional update: two admins revoking at once record one revocation, not two.
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) {
      const exists = await tx.apiToken.count({ where: { id: tokenId } });
      throw exists
        ? new AppError("CONFLICT", "This token is already revoked.")
        : new AppError("NOT_FOUND", "That token does not exist.");
    }
    const token = await tx.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: apiTokenRowSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "api-token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      before: { revokedAt: null },
      after: { name: token.name, prefix: token.prefix, revokedAt: now.toISOString() },
    });
    return token;
  });
}

/**
 * Revokes every token that still works for the user, inside the caller's transaction (a
 * password reset: whoever made it reset must not keep the user's tokens either). Each
 * revocation is audited like one an admin makes, with the reason. Returns the tokens revoked.
 */
export async function revokeApiTokensOfUser(
  tx: Prisma.TransactionClient,
  by: ChangedBy,
  input: { userId: string; reason: string; now?: Date },
): Promise<{ id: string; name: string; prefix: string }[]> {
  const now = input.now ?? new Date();
  // One statement: a token revoked meanwhile by an admin is neither revoked nor audited twice.
  const revoked = await tx.apiToken.updateManyAndReturn({
    where: { userId: input.userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { revokedAt: now },
    select: { id: true, name: true, prefix: true },
  });
  for (const token of revoked.sort((a, b) => a.id.localeCompare(b.id))) {
    await recordAudit(tx, {
      ...by,
      action: "api-token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      before: { revokedAt: null },
      after: { name: token.name, prefix: token.prefix, revokedAt: now.toISOString(), reason: input.reason },
    });
  }
  return revoked;
}
