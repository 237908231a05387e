// The signed-in user for pages and actions. The JWT alone is not trusted for long: the
// user row is read on every request, so deactivation or a role change applies at once, and
// a session whose tokenVersion is older than the user's (deactivated, password changed or
// reset) is no session at all.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = { id: string; email: string; name: string; role: Role };
/** What pages know of the user too: single sign-on users may hold no password of their own. */
export type PageUser = CurrentUser & { hasPassword: boolean };
export type SessionUser = PageUser & { mustChangePassword: boolean };

export const PASSWORD_PAGE = "/account/password";

/** The session's user, including one who must still replace a one-time password. Only the
 * password page and its action use it; everything else goes through getCurrentUser(). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
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
  });
  if (!user || !user.active || user.tokenVersion !== session.tokenVersion) return null;
  // The hash itself never leaves this function.
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    hasPassword: user.passwordHash !== null,
  };
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
