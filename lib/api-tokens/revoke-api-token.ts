// Revoking takes effect on the token's next request: authentication reads the row every time.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import { apiTokenRowSelect, type ApiTokenRow } from "@/lib/api-tokens/token-row";

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
