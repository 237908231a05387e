import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    id: string;
    role: Role;
    tokenVersion: number;
  }
  interface Session {
    tokenVersion?: number;
    /** The session's id (see JWT.sid): what getSessionUser checks against revoked sessions. */
    sid?: string;
    user: { id?: string; role?: Role; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    tokenVersion?: number;
    /** Random id given at sign-in and kept while the session is refreshed; sign-out revokes
     * it. (next-auth's own `jti` changes each time it re-issues the cookie.) */
    sid?: string;
  }
}
