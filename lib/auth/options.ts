// next-auth configuration: email + password (Credentials) and, when configured, OpenID
// Connect single sign-on (docs/sso.md); JWT sessions. Cookies keep
// next-auth's defaults on purpose: HttpOnly, SameSite=Lax, Secure when NEXTAUTH_URL is
// https, and its double-submit CSRF token on every sign-in and sign-out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { sameSiteRedirect } from "@/lib/auth/callback";
import { OIDC_PROVIDER_ID, oidcProvider, oidcSettings } from "@/lib/auth/oidc-provider";
import { findOidcUser, signInWithOidc } from "@/lib/auth/oidc-user";
import { clientIp } from "@/lib/auth/rate-limit";
import { logger } from "@/lib/log";

const EIGHT_HOURS = 8 * 60 * 60;

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= createOptions();
  return options;
}

function createOptions(): NextAuthOptions {
  const sso = oidcSettings(env());
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: EIGHT_HOURS },
    // A refused SSO sign-in comes back to the sign-in page (?error=…), not next-auth's own page.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          if (!credentials) return null;
          return authenticateWithPassword({ ...credentials, ip: clientIp(request?.headers) });
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!sso) return false;
        const result = await signInWithOidc(profile, { defaultRole: sso.defaultRole });
        if (!result.ok)
          logger().warn({ reason: result.reason, subject: account.providerAccountId }, "single sign-on refused");
        else if (result.created)
          logger().info({ userId: result.user.id, role: result.user.role }, "single sign-on created a user");
        return result.ok;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === OIDC_PROVIDER_ID) {
          // The provider's profile is not a Preflight user: the session carries the row's
          // id, role and tokenVersion, like a password sign-in.
          const row = await findOidcUser(account.providerAccountId);
          if (!row) return {};
          token.uid = row.id;
          token.role = row.role;
          token.tokenVersion = row.tokenVersion;
          return token;
        }
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.tokenVersion = user.tokenVersion;
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          tokenVersion: token.tokenVersion,
          user: { ...session.user, id: token.uid, role: token.role },
        };
      },
      // callbackUrl comes from the request (sign-in and sign-out forms, query, cookie):
      // only this site, and text that is no URL at all means its home, not a 500.
      redirect({ url, baseUrl }) {
        return sameSiteRedirect(url, baseUrl);
      },
    },
  };
}
