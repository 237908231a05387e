import type { ReactNode } from "react";
import { ActiveRunsBanner } from "@/components/procedures/active-runs-banner";
import { AppHeader } from "@/components/shell/app-header";
import { DatabaseUnavailable } from "@/components/shell/database-unavailable";
import { requireUser, type PageUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/errors";

export default async function AppLayout({ children }: { children: ReactNode }) {
  let user: PageUser;
  try {
    user = await requireUser();
  } catch (error) {
    // requireUser() redirects by throwing; only a database outage is handled here.
    if (!isDatabaseUnavailable(error)) throw error;
    return (
      <main id="main" className="px-4">
        <DatabaseUnavailable />
      </main>
    );
  }
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <AppHeader user={user} />
      <ActiveRunsBanner />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
