import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getSessionUser } from "@/lib/auth/session";

// Outside the (app) group on purpose: its layout sends a user who must change their
// password here, so this layout has to let that user in.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return (
    <>
      {user.mustChangePassword ? (
        // Nothing but the password is open to this user yet, so no navigation either.
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/account/password" className="flex items-center gap-2 font-semibold tracking-tight">
              <span aria-hidden="true">🛫</span> Preflight
            </Link>
            <div className="flex items-center gap-3 text-sm">
              <span className="font-medium">{user.name}</span>
              <SignOutButton />
            </div>
          </div>
        </header>
      ) : (
        <AppHeader user={user} />
      )}
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
