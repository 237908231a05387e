// What an unknown address or id shows: that nothing is there, and the ways back.
import Link from "next/link";
import { buttonStyles } from "@/components/ui/styles";

const waysBack = [
  { href: "/", label: "Overview" },
  { href: "/deployments", label: "Deployments" },
  { href: "/templates", label: "Templates" },
];

export function NotFoundMessage() {
  return (
    <section
      aria-labelledby="not-found-title"
      data-testid="not-found"
      className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-300 bg-white p-8 dark:border-slate-700 dark:bg-slate-900"
    >
      <p className="text-sm font-medium text-slate-600 dark:text-slate-400">404</p>
      <h1 id="not-found-title" className="mt-1 text-lg font-semibold">
        This page does not exist
      </h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        The address may be mistyped, or what it pointed to was removed. Check the link, or go back to one of these:
      </p>
      <nav aria-label="Ways back" className="mt-4 flex flex-wrap gap-2">
        {waysBack.map((link, index) => (
          <Link
            key={link.href}
            href={link.href}
            className={index === 0 ? buttonStyles.primary : buttonStyles.secondary}
          >
            {link.label}
          </Link>
        ))}
      </nav>
    </section>
  );
}
