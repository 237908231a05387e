// The signed-in user for pages and actions. The JWT alone is not trusted for long: whether
// its claims are still a session, and whose, is read from the database on every request
// (lib/auth/session-user.ts), so a sign-out, a deactivation, a password change or reset and
// a role change end the session at once, and the role shown is always the current one.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { findSessionUser, type CurrentUser, type PageUser, type SessionUser } from "@/lib/auth/session-user";

export type { CurrentUser, PageUser, SessionUser };

export const PASSWORD_PAGE = "/account/password";

/** The session's user, including one who must still replace a one-time password. Only the
 * password page and its action use it; everything else goes through getCurrentUser(). API
 * route handlers reach it too, for callers with a session cookie (lib/api/principal.ts). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return findSessionUser({ uid: session.user.id, tokenVersion: session.tokenVersion, sid: session.sid });
});

/** The user who may use the app. A one-time password grants nothing but changing it (the
 * admin who handed it out knows it), so such a user counts as signed out here: every
 * action and API route answers 401 until the password is changed. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const user = await getSessionUser();
  if (!user || user.mustChangePassword) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: the current user, or a redirect to sign-in (or to the password page first). */
export async function requireUser(): Promise<PageUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword) redirect(PASSWORD_PAGE);
  return { id: user.id, email: user.email, name: user.name, role: user.role, hasPassword: user.hasPassword };
}
