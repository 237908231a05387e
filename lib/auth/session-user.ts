// Whether a session's claims (from its JWT) still make a session, and whose: the JWT alone
// is not trusted for long. The user row and the revoked sessions are read each time, so a
// sign-out, a deactivation or a tokenVersion bump (password changed or reset, role changed)
// ends the session at its next request, and a role change shows at once.
import "server-only";
import { cache } from "react";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: string; email: string; name: string; role: Role };
/** What pages know of the user too: single sign-on users may hold no password of their own. */
export type PageUser = CurrentUser & { hasPassword: boolean };
export type SessionUser = PageUser & { mustChangePassword: boolean };

/** What a session's JWT claims: set at sign-in by the jwt callback (lib/auth/options.ts). */
export type SessionClaims = { uid?: unknown; tokenVersion?: unknown; sid?: unknown };

/** The session's user now, or null: no session id (a cookie from before session ids),
 * signed out, deactivated, or a tokenVersion the user has moved past. */
export async function findSessionUser(claims: SessionClaims, options?: DomainOptions): Promise<SessionUser | null> {
  const { uid, tokenVersion, sid } = claims;
  if (typeof uid !== "string" || typeof tokenVersion !== "number" || typeof sid !== "string" || !sid) return null;
  return options ? readSessionUser(uid, tokenVersion, sid, options) : readSessionUserOnce(uid, tokenVersion, sid);
}

async function readSessionUser(
  uid: string,
  tokenVersion: number,
  sid: string,
  options?: DomainOptions,
): Promise<SessionUser | null> {
  const prisma = dbOf(options);
  const [user, revoked] = await Promise.all([
    prisma.user.findUnique({
      where: { id: uid },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        tokenVersion: true,
        mustChangePassword: true,
        passwordHash: true,
      },
    }),
    prisma.revokedSession.findUnique({ where: { jti: sid }, select: { jti: true } }),
  ]);
  if (!user || !user.active || user.tokenVersion !== tokenVersion || revoked) return null;
  // The hash itself never leaves this function.
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.passwordHash !== null,
  };
}

/** While a page renders, next-auth's jwt callback and getSessionUser ask the same question:
 * it is answered once (React's cache keeps it for the render; elsewhere it is a plain call). */
const readSessionUserOnce = cache((uid: string, tokenVersion: number, sid: string) =>
  readSessionUser(uid, tokenVersion, sid),
);
