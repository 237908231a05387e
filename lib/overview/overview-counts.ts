// The numbers at the top of the overview. Each deployment card counts the overview's list
// with the active filters and the card's filter (lib/overview/cards.ts) through the same
// WHERE the list uses (lib/deployments/list-query.ts); the template and maintenance cards
// count with the same rule their pages list by. The number of queries is fixed: it does not
// grow with deployments or items.
import "server-only";
import { db } from "@/lib/db";
import { templateReviewDueWhere } from "@/lib/deployments/due-dates";
import { countDeployments, listContext, type ListFilters } from "@/lib/deployments/list-query";
import { overdueListsWhere } from "@/lib/maintenance/board";
import { cardFilters, deploymentCards, type DeploymentCardKey, type OtherCardKey } from "@/lib/overview/cards";

export type OverviewCounts = Record<DeploymentCardKey | OtherCardKey, number> & {
  /** The overview's list itself: active deployments matching the filters. */
  active: number;
};

export async function overviewCounts(filters: ListFilters = {}, now = new Date()): Promise<OverviewCounts> {
  // Read once for every card: today's date and who is cleared to ship.
  const context = await listContext({ signoff: "cleared" }, now);
  const scope = { activeOnly: true };
  const [active, templatesDue, overdueMaintenance, ...cards] = await Promise.all([
    countDeployments(filters, scope, context),
    db.template.count({ where: templateReviewDueWhere(now) }),
    db.maintenanceOccurrence.count({ where: overdueListsWhere(now) }),
    ...deploymentCards.map((card) => countDeployments(cardFilters(filters, card), scope, context)),
  ]);
  return {
    active,
    templatesDue,
    overdueMaintenance,
    ...(Object.fromEntries(deploymentCards.map((card, index) => [card.key, cards[index]!])) as Record<
      DeploymentCardKey,
      number
    >),
  };
}
