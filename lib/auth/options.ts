// next-auth configuration: email + password (Credentials), JWT sessions. Cookies keep
// next-auth's defaults on purpose: HttpOnly, SameSite=Lax, Secure when NEXTAUTH_URL is
// https, and its double-submit CSRF token on every sign-in and sign-out.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { clientIp } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/auth/schemas";
import { db } from "@/lib/db";

const EIGHT_HOURS = 8 * 60 * 60;

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: EIGHT_HOURS },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          return authenticateWithPassword(db, { ...parsed.data, ip: clientIp(request?.headers) });
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.tokenVersion = user.tokenVersion;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, tokenVersion: token.tokenVersion, user: { ...session.user, id: token.uid, role: token.role } };
      },
    },
  };
  return options;
}
