import Link from "next/link";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { cardHref, deploymentCards, otherCards } from "@/lib/overview/cards";
import type { OverviewCounts } from "@/lib/overview/overview-counts";

const tones: Record<keyof OverviewCounts, string> = {
  active: "",
  clearedToShip: "text-emerald-700 dark:text-emerald-400",
  awaitingSignOff: "text-brand-700 dark:text-brand-50",
  blocked: "text-red-700 dark:text-red-400",
  missedTarget: "text-red-700 dark:text-red-400",
  reviewDue: "text-amber-700 dark:text-amber-300",
  deployedVerificationOpen: "text-sky-700 dark:text-sky-300",
  templatesDue: "text-amber-700 dark:text-amber-300",
  overdueMaintenance: "text-amber-700 dark:text-amber-300",
};

/** Each card links to the list it counts: the deployment cards to the overview filtered as it
 * is now plus the card's filter, the others to their page. */
export function CountCards({
  counts,
  filters,
  filtered,
}: {
  counts: OverviewCounts;
  filters: Partial<DeploymentFilters>;
  filtered: boolean;
}) {
  const cards = [
    ...deploymentCards.map((card) => ({ key: card.key, label: card.label, href: cardHref(filters, card), note: null })),
    // Templates and maintenance lists have no service or owner: the filters do not narrow them.
    ...otherCards.map((card) => ({ ...card, note: filtered ? "All, unfiltered" : null })),
  ];
  return (
    <section aria-label="Counts" className="mb-6">
      {filtered ? (
        <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">Deployment counts follow the filters below.</p>
      ) : null}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cards.map((card) => (
          <li key={card.key}>
            <Link
              href={card.href}
              className="block h-full rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-500 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-800 dark:bg-slate-900"
            >
              <span className="block text-sm text-slate-600 dark:text-slate-400">{card.label}</span>
              <span
                data-testid={`count-${card.key}`}
                className={`mt-1 block text-2xl font-semibold tabular-nums ${tones[card.key]}`}
              >
                {counts[card.key]}
              </span>
              {card.note ? <span className="block text-xs text-slate-500 dark:text-slate-400">{card.note}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
