// The overview's count cards, as data: what each counts and which list it links to. A
// deployment card's count is countDeployments over the overview's active filters with the
// card's own filter on top, and its link is the overview with the same filters, so the
// number on the card is the length of the list it opens (overview-cards.int.test.ts).
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { narrowingFilters } from "@/lib/deployments/parse-filters";

type CardFilter = Partial<Pick<DeploymentFilters, (typeof narrowingFilters)[number]>>;

export const deploymentCards = [
  { key: "clearedToShip", label: "Cleared to ship", filter: { signoff: "cleared" } },
  { key: "awaitingSignOff", label: "Awaiting sign-off", filter: { status: "READY_FOR_REVIEW" } },
  { key: "blocked", label: "Blocked on critical items", filter: { verdict: "NO_GO" } },
  { key: "missedTarget", label: "Missed target date", filter: { target: "missed" } },
  { key: "reviewDue", label: "Sign-offs due for re-review", filter: { signoff: "due" } },
  { key: "deployedVerificationOpen", label: "Deployed · verification open", filter: { verification: "open" } },
] as const satisfies readonly { key: string; label: string; filter: CardFilter }[];

/** Cards over other lists: the overview's deployment filters do not apply to them. */
export const otherCards = [
  { key: "templatesDue", label: "Templates due for review", href: "/templates?review=due" },
  { key: "overdueMaintenance", label: "Overdue maintenance", href: "/maintenance#overdue" },
] as const;

export type DeploymentCardKey = (typeof deploymentCards)[number]["key"];
export type OtherCardKey = (typeof otherCards)[number]["key"];

/** The overview's filters with a card's on top: what the card counts and its link shows. */
export function cardFilters<T extends Partial<DeploymentFilters>>(filters: T, card: { filter: CardFilter }): T {
  return { ...filters, ...card.filter };
}

/** The overview's address for a card: the active filters (and order) with the card's, page 1. */
export function cardHref(filters: Partial<DeploymentFilters>, card: { filter: CardFilter }): string {
  const merged: Partial<DeploymentFilters> = cardFilters(filters, card);
  const params = new URLSearchParams();
  for (const key of [...narrowingFilters, "sort"] as const) {
    const value = merged[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return `/?${params}`;
}
