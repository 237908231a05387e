// Who is calling an API route: a bearer token (pipelines, scripts) or the browser's
// session. A request that names a token is judged by the token alone, never by a cookie
// that happens to ride along.
import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";

export type ApiCaller =
  | { actor: CurrentUser; via: "session" }
  | { actor: CurrentUser & { apiTokenId: string }; via: "token"; tokenId: string; scopes: ApiTokenScope[] };

/** The caller, or null when there is neither a token nor a session. A bad token throws 401. */
export async function resolveApiCaller(request: Request): Promise<ApiCaller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new AppError("UNAUTHENTICATED", "Send the token as `Authorization: Bearer <token>`.");
    const token = await authenticateApiToken(match[1]!);
    // The actor carries its token, so every domain function it reaches can record it.
    return {
      actor: { ...token.actor, apiTokenId: token.tokenId },
      via: "token",
      tokenId: token.tokenId,
      scopes: token.scopes,
    };
  }
  const user = await getCurrentUser();
  return user ? { actor: user, via: "session" } : null;
}

/** How a write made with a token is labelled in the audit log. */
export function tokenAuditLabel(tokenId: string): string {
  return `api-token:${tokenId}`;
}
