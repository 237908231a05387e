// next-auth configuration: email + password (Credentials) and, when configured, OpenID
// Connect single sign-on (docs/sso.md); JWT sessions, each with a random id (`sid`) that
// sign-out revokes (lib/auth/revoke-session.ts). Cookies keep
// next-auth's defaults on purpose: HttpOnly, SameSite=Lax, Secure when NEXTAUTH_URL is
// https, and its double-submit CSRF token on every sign-in and sign-out.
import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions, Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { sameSiteRedirect } from "@/lib/auth/callback";
import { authorizeCredentials } from "@/lib/auth/credentials-sign-in";
import { OIDC_PROVIDER_ID, oidcProvider, oidcSettings } from "@/lib/auth/oidc-provider";
import { findOidcUser, signInWithOidc } from "@/lib/auth/oidc-user";
import { revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/revoke-session";
import { findSessionUser } from "@/lib/auth/session-user";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log";

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= createOptions();
  return options;
}

function createOptions(): NextAuthOptions {
  const sso = oidcSettings(env());
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // A refused SSO sign-in comes back to the sign-in page (?error=…), not next-auth's own page.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          if (!credentials) return null;
          return authorizeCredentials(credentials, request?.headers);
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
          return row ? startSession(token, row) : {};
        }
        if (user) return startSession(token, user);
        // Every later read of the session (each page, /api/auth/session) re-issues the cookie
        // with a fresh expiry: one that has ended is re-issued empty instead, so it describes
        // nobody and a revoked one cannot outlive its revocation's record.
        return (await isStillASession(token)) ? token : {};
      },
      session({ session, token }) {
        // A token the jwt callback emptied: the same answer as for no cookie at all.
        if (typeof token.uid !== "string") return {} as Session;
        return {
          ...session,
          tokenVersion: token.tokenVersion,
          sid: token.sid,
          user: { ...session.user, id: token.uid, role: token.role },
        };
      },
      // callbackUrl comes from the request (sign-in and sign-out forms, query, cookie):
      // only this site, and text that is no URL at all means its home, not a 500.
      redirect({ url, baseUrl }) {
        return sameSiteRedirect(url, baseUrl);
      },
    },
    events: {
      // The browser's cookie is deleted by next-auth; any copy of it ends here.
      async signOut({ token }) {
        if (typeof token?.sid !== "string" || typeof token.uid !== "string") return;
        try {
          await revokeSession({ sid: token.sid, userId: token.uid });
        } catch (error) {
          // next-auth signs the browser out whatever happens here; say that a copy of the
          // cookie still works until it expires.
          logger().error({ err: error, userId: token.uid }, "sign-out could not revoke the session");
        }
      },
    },
  };
}

/** A sign-in: the token speaks for this user, under a new session id. */
function startSession(token: JWT, user: { id: string; role: Role; tokenVersion: number }): JWT {
  token.uid = user.id;
  token.role = user.role;
  token.tokenVersion = user.tokenVersion;
  token.sid = randomUUID();
  return token;
}

/** Whether the token still makes a session (lib/auth/session-user.ts). With the database
 * unreachable, the cookie is kept as it is: getSessionUser asks again and answers 503, where
 * emptying it would sign everybody out for an outage. */
async function isStillASession(token: JWT): Promise<boolean> {
  try {
    return (await findSessionUser(token)) !== null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return true;
    throw error;
  }
}
