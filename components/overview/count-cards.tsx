import Link from "next/link";
import type { OverviewCounts } from "@/lib/overview/overview-counts";

const cards = [
  { key: "clearedToShip", label: "Cleared to ship", href: null, tone: "text-emerald-700 dark:text-emerald-400" },
  {
    key: "awaitingSignOff",
    label: "Awaiting sign-off",
    href: "/?status=READY_FOR_REVIEW",
    tone: "text-brand-700 dark:text-brand-50",
  },
  { key: "blocked", label: "Blocked on critical items", href: null, tone: "text-red-700 dark:text-red-400" },
  { key: "overdueReviews", label: "Overdue reviews", href: "/maintenance", tone: "text-amber-700 dark:text-amber-300" },
  {
    key: "overdueMaintenance",
    label: "Overdue maintenance",
    href: "/maintenance",
    tone: "text-amber-700 dark:text-amber-300",
  },
  {
    key: "deployedVerificationOpen",
    label: "Deployed · verification open",
    href: "/?verification=open",
    tone: "text-sky-700 dark:text-sky-300",
  },
] as const;

export function CountCards({ counts }: { counts: OverviewCounts }) {
  return (
    <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {cards.map((card) => {
        const body = (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-400">{card.label}</p>
            <p data-testid={`count-${card.key}`} className={`mt-1 text-2xl font-semibold tabular-nums ${card.tone}`}>
              {counts[card.key]}
            </p>
          </>
        );
        const style = "rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
        return card.href ? (
          <Link key={card.key} href={card.href} className={`${style} hover:border-brand-500`}>
            {body}
          </Link>
        ) : (
          <div key={card.key} className={style}>
            {body}
          </div>
        );
      })}
    </div>
  );
}
