import type { ReactNode } from "react";
import { ActiveRunsBanner } from "@/components/procedures/active-runs-banner";
import { AppHeader } from "@/components/shell/app-header";
import { DatabaseUnavailable } from "@/components/shell/database-unavailable";
import { requireShellUser } from "@/lib/auth/require-shell-user";
import { countMyWork } from "@/lib/my-work/count-my-work";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireShellUser();
  if (!user) {
    return (
      <main id="main" className="px-4">
        <DatabaseUnavailable />
      </main>
    );
  }
  // The one read of the layout's own: counts only (the header's badge).
  const openWork = await countMyWork(user);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <AppHeader user={user} openWork={openWork} />
      <ActiveRunsBanner />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
