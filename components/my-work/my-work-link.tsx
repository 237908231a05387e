"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { navLinkStyles } from "@/components/shell/nav-link";

const openKey = ["my-work", "open"] as const;

async function fetchOpen(): Promise<number> {
  const response = await fetch("/my-work/count", { cache: "no-store" });
  if (!response.ok) throw new Error(`Could not count your open work (${response.status}).`);
  return ((await response.json()) as { open: number }).open;
}

/** The header's "My work" link with how much is open. `open` is the layout's count (without
 * one, the link asks at once); the layout stays mounted while the person moves on, so each
 * navigation asks again. */
export function MyWorkLink({ open }: { open?: number }) {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const { data: count } = useQuery({
    queryKey: openKey,
    queryFn: fetchOpen,
    ...(open === undefined ? {} : { initialData: open }),
  });
  // A count the server rendered since (a refresh after an action) is the newest one.
  useEffect(() => {
    if (open !== undefined) queryClient.setQueryData(openKey, open);
  }, [open, queryClient]);
  const seen = useRef(pathname);
  useEffect(() => {
    if (seen.current === pathname) return;
    seen.current = pathname;
    void queryClient.invalidateQueries({ queryKey: openKey });
  }, [pathname, queryClient]);

  const active = pathname.startsWith("/my-work");
  return (
    <Link
      href="/my-work"
      aria-current={active ? "page" : undefined}
      aria-label={count ? `My work, ${count} open` : "My work"}
      className={`inline-flex items-center gap-1.5 ${navLinkStyles}`}
    >
      My work
      {count ? (
        <span
          data-testid="my-work-count"
          className="min-w-5 rounded-full bg-brand-600 px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums text-white dark:bg-brand-500"
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}
