import Link from "next/link";
import type { PageUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";
import { MyWorkLink } from "@/components/my-work/my-work-link";
import { NavLink } from "@/components/shell/nav-link";
import { myWorkSections } from "@/lib/my-work/rules";
import { SignOutButton } from "@/components/shell/sign-out-button";

const navigation = [
  { href: "/", label: "Overview" },
  { href: "/deployments", label: "Deployments" },
  { href: "/templates", label: "Templates" },
  { href: "/maintenance", label: "Maintenance" },
  { href: "/procedures", label: "Procedures" },
  { href: "/waivers", label: "Waivers" },
  { href: "/api-docs", label: "API" },
] as const;
const [overview, ...others] = navigation;

/** `openWork`: how many rows My work lists for the user (its link's badge); without it, the
 * link asks for itself. */
export function AppHeader({ user, openWork }: { user: PageUser; openWork?: number }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      {/* Below 2xl the links take their own row, scrolling sideways on a phone, instead of
          wrapping into three or four rows around the user's name. */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true">🛫</span> Preflight
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full gap-0.5 overflow-x-auto px-1 whitespace-nowrap 2xl:order-none 2xl:mx-0 2xl:w-auto 2xl:flex-1 2xl:px-0"
        >
          <NavLink href={overview.href}>{overview.label}</NavLink>
          {/* Second, as the place to start from; not shown to a role nobody gives work to. */}
          {myWorkSections(user).length ? <MyWorkLink open={openWork} /> : null}
          {others.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
          {user.role === "ADMIN" ? <NavLink href="/admin">Admin</NavLink> : null}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          <span data-testid="current-user" className="whitespace-nowrap">
            {/* On a phone the role alone, so the user's row fits beside the name of the app. */}
            <span className="sr-only font-medium sm:not-sr-only">{user.name}</span>{" "}
            <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700 dark:bg-slate-800 dark:text-slate-200">
              {roleLabels[user.role]}
            </span>
          </span>
          {/* Someone who signs in only through single sign-on has no password here to change. */}
          {user.hasPassword ? (
            <Link
              href="/account/password"
              aria-label="Change password"
              className="rounded-md px-2 py-2 text-sm whitespace-nowrap text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              <span className="sm:hidden">Password</span>
              <span className="hidden sm:inline">Change password</span>
            </Link>
          ) : null}
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
