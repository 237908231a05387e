// The one thing integration tests fake: which user a request comes from (the session cookie
// and next-auth). Everything behind it — the permission policy, queries, writes — is real.
// Use it as the factory of a vi.mock of "@/lib/auth/session" and pick the user with signInAs():
//   vi.mock("@/lib/auth/session", async (original) => (await import("@/test/session-double")).sessionDouble(await original()));
import type * as Session from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/auth/session";

let current: CurrentUser | null = null;

/** The user the next requests come from; null for no session. */
export function signInAs(user: CurrentUser | null): void {
  current = user;
}

export function sessionDouble(real: typeof Session): typeof Session {
  const pageUser = () => (current ? { ...current, hasPassword: true } : null);
  return {
    ...real,
    getCurrentUser: () => Promise.resolve(current),
    getSessionUser: () =>
      Promise.resolve(current ? { ...current, hasPassword: true, mustChangePassword: false } : null),
    // The real one redirects without a session; the tests call actions and routes, which check getCurrentUser.
    requireUser: (() => Promise.resolve(pageUser())) as typeof real.requireUser,
  };
}
