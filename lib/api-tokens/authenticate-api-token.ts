// Who a bearer token speaks for. The row is read on every request, so revocation, expiry
// and its user's deactivation or role change apply at once.
import "server-only";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";
import { TOKEN_PATTERN, hashTokenSecret } from "@/lib/api-tokens/secret";

export type AuthenticatedToken = { tokenId: string; scopes: ApiTokenScope[]; actor: CurrentUser };

/** lastUsedAt is a hint for admins, not a log: one write a minute per token is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiToken(
  secret: string,
  options?: DomainOptions & { now?: Date },
): Promise<AuthenticatedToken> {
  const now = options?.now ?? new Date();
  const db = dbOf(options);
  if (!TOKEN_PATTERN.test(secret))
    throw new AppError(
      "UNAUTHENTICATED",
      "The bearer token is malformed; Preflight tokens look like pf_ followed by 43 characters.",
    );
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: {
      id: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!token) throw new AppError("UNAUTHENTICATED", "This API token is not valid.");
  if (token.revokedAt)
    throw new AppError("UNAUTHENTICATED", `This API token was revoked on ${token.revokedAt.toISOString()}.`);
  if (token.expiresAt && token.expiresAt <= now)
    throw new AppError("UNAUTHENTICATED", `This API token expired on ${token.expiresAt.toISOString()}.`);
  if (!token.user.active)
    throw new AppError(
      "UNAUTHENTICATED",
      "The user this API token speaks for is deactivated, so the token no longer works.",
    );
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.updateMany({
      where: {
        id: token.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  const { active: _active, ...actor } = token.user;
  return { tokenId: token.id, scopes: token.scopes, actor };
}
