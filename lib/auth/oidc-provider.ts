// The OpenID Connect provider for next-auth, from the OIDC_* settings. SSO is on only when
// the issuer, client id and secret are all set (lib/env.ts refuses half a configuration).
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Env } from "@/lib/env";
import type { OidcClaims } from "@/lib/auth/oidc-user";
import type { Role } from "@/lib/generated/prisma/enums";

export const OIDC_PROVIDER_ID = "oidc";

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; defaultRole: Role; name: string };

export function oidcSettings(env: Env): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    defaultRole: env.OIDC_DEFAULT_ROLE,
    name: env.OIDC_NAME,
  };
}

export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcClaims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile(claims) {
      // Only `id` (the subject) matters here: the signIn callback maps the claims to a
      // Preflight user and the jwt callback takes role and tokenVersion from that row.
      return {
        id: claims.sub,
        email: claims.email ?? null,
        name: claims.name ?? null,
        role: settings.defaultRole,
        tokenVersion: 0,
      };
    },
  };
}
