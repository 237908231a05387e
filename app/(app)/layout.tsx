import type { ReactNode } from "react";
import { ActiveRunsBanner } from "@/components/procedures/active-runs-banner";
import { AppHeader } from "@/components/shell/app-header";
import { requireUser } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
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
