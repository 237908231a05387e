// The app shell's user. A database outage is the one failure the shell words itself (the
// error boundary only sees a redacted error in production), so it is told apart here.
import "server-only";
import { requireUser, type PageUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/errors";

/** The signed-in user, or null when the database cannot be reached; redirects to sign-in as requireUser() does. */
export async function requireShellUser(): Promise<PageUser | null> {
  try {
    return await requireUser();
  } catch (error) {
    // requireUser() redirects by throwing; only a database outage is handled here.
    if (!isDatabaseUnavailable(error)) throw error;
    return null;
  }
}
