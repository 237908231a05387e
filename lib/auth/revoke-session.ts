// Sign-out ends the session on the server, not only in the browser that signs out: the
// session's id (`sid`, set at sign-in) is recorded as revoked, so a copy of the cookie made
// before sign-out is refused too (lib/auth/session-user.ts).
import "server-only";
import { dbOf, type DomainOptions } from "@/lib/db";

/** How long a session lives after its last use: next-auth re-issues the cookie with a fresh
 * expiry each time the session is read. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth accepts a token up to 15 s past its expiry; a minute covers that and clock skew. */
const EXPIRY_MARGIN_MS = 60_000;

export type RevocableSession = { sid: string; userId: string };

/**
 * Records the session as revoked; signing out twice (the copied cookie too) changes nothing.
 * The row is kept as long as any cookie of the session can still be valid: the last cookie
 * issued before now expires at the latest SESSION_MAX_AGE_SECONDS from now, and none is
 * issued for a revoked session after (the jwt callback drops it). The token's own `exp`
 * is not enough: another copy of the cookie may have been refreshed later than this one.
 */
export async function revokeSession(
  session: RevocableSession,
  options?: DomainOptions & { now?: Date },
): Promise<void> {
  const now = options?.now ?? new Date();
  const prisma = dbOf(options);
  await prisma.$transaction([
    // Rows past their expiry protect nothing: each sign-out clears them, so the table holds
    // at most the sessions signed out in the last eight hours.
    prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.revokedSession.createMany({
      data: [
        {
          jti: session.sid,
          userId: session.userId,
          expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000 + EXPIRY_MARGIN_MS),
        },
      ],
      skipDuplicates: true,
    }),
  ]);
}
