// Every card of the overview counts the list it links to: for each card, with the overview
// unfiltered and narrowed by a filter, the number on the card equals the length of the list
// its link opens (every page of it), and the link's address parses back to the filters the
// card counted. Deployments in each state a card counts are made through the use cases.
import { beforeAll, describe, expect, it } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { parseDeploymentFilters } from "@/lib/deployments/parse-filters";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { deployDeployment } from "@/lib/deployments/transitions";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { getMaintenanceBoard } from "@/lib/maintenance/board";
import { cardFilters, cardHref, deploymentCards } from "@/lib/overview/cards";
import { overviewCounts } from "@/lib/overview/overview-counts";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { listTemplates } from "@/lib/templates/queries";
import { utcDay } from "@/lib/format";
import { importVerificationTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

/** Every row of every page of the overview's list for these filters. */
async function wholeList(filters: Partial<DeploymentFilters>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const parsed = parseDeploymentFilters({ ...stringified(filters), page: String(page) });
    expect(parsed.problem).toBeNull();
    const result = await listDeployments(parsed.filters, { activeOnly: true });
    ids.push(...result.rows.map((row) => row.id));
    if (page >= result.pageCount) return ids;
  }
}

function stringified(filters: Partial<DeploymentFilters>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  );
}

/** Other test files write at the same time: a reading counts when the card read twice around
 * the list gives the same number (nothing changed in between). */
async function settled<T>(read: () => Promise<{ count: number; list: T[] }>): Promise<{ count: number; list: T[] }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await read();
    const again = await read();
    if (first.count === again.count && first.list.length === again.list.length) return again;
  }
  throw new Error("the database kept changing under the reading");
}

describe("overview cards: each count is the length of the list it links to", () => {
  const environment = uniqueKey("cards");

  beforeAll(async () => {
    const [owner, reviewer] = await Promise.all([
      createTestUser(prisma, "ENGINEER"),
      createTestUser(prisma, "REVIEWER"),
    ]);
    const template = await importVerificationTemplate(prisma);
    const make = async (name: string) => {
      const { id } = await createDeployment(owner, {
        service: `${name}-${environment}`,
        environment,
        version: "1.0.0",
        templateVersionId: template.versionId,
      });
      const leaves = async () => leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items));
      const tick = async (texts: string[]) => {
        for (const leaf of (await leaves()).filter((l) => texts.includes(l.text)))
          await updateItemState(owner, {
            deploymentId: id,
            itemId: leaf.id,
            version: leaf.state!.version,
            status: "DONE",
          });
      };
      return { id, tick };
    };
    const approve = async (id: string, nextReviewAt: string) =>
      approveDeployment(reviewer, {
        deploymentId: id,
        comment: "Looks good",
        digest: (await getChecklist(id))!.digest,
        nextReviewAt,
      });
    const criticals = ["Backups verified", "Secrets rotated"];

    // No-go, and its target date already passed (set directly: the form refuses a past date).
    const blocked = await make("blocked");
    await blocked.tick(["Backups verified"]);
    await prisma.deployment.update({ where: { id: blocked.id }, data: { targetDate: new Date("2026-01-05") } });
    // Go with risks, submitted.
    const inReview = await make("review");
    await inReview.tick(criticals);
    await submitForReview(owner, { deploymentId: inReview.id });
    // Signed off, review due in 5 days: cleared to ship and due for re-review.
    const dueSoon = await make("due");
    await dueSoon.tick([...criticals, "Alerts configured"]);
    await submitForReview(owner, { deploymentId: dueSoon.id });
    await approve(dueSoon.id, utcDay(5));
    // Signed off, review in 60 days: cleared, not due.
    const cleared = await make("cleared");
    await cleared.tick(criticals);
    await submitForReview(owner, { deploymentId: cleared.id });
    await approve(cleared.id, utcDay(60));
    // Deployed with its verification open (and so not active: the card lifts that).
    const deployed = await make("deployed");
    await deployed.tick(criticals);
    await submitForReview(owner, { deploymentId: deployed.id });
    await approve(deployed.id, utcDay(60));
    await deployDeployment(owner, { deploymentId: deployed.id });
  });

  for (const card of deploymentCards) {
    for (const narrowed of [false, true]) {
      it(`${card.label}, ${narrowed ? "with a filter" : "unfiltered"}`, async () => {
        const filters: Partial<DeploymentFilters> = narrowed ? { environment } : {};
        const reading = await settled(async () => ({
          count: (await overviewCounts(filters))[card.key],
          list: await wholeList(cardFilters(filters, card)),
        }));
        expect(reading.list).toHaveLength(reading.count);
        expect(new Set(reading.list).size).toBe(reading.list.length);
        // The link opens that list: its address holds exactly the filters counted.
        const href = new URL(cardHref(filters, card), "http://preflight.test");
        expect(href.pathname).toBe("/");
        const parsed = parseDeploymentFilters(Object.fromEntries(href.searchParams));
        expect(parsed.problem).toBeNull();
        expect(stringified(parsed.filters)).toEqual({ ...stringified(cardFilters(filters, card)), page: "1" });
        // Narrowed to this file's deployments, each card finds the one made for it.
        if (narrowed) expect(reading.count).toBe(expectedNarrowed[card.key]);
      });
    }
  }

  it("Templates due for review counts the templates page's due filter", async () => {
    const reading = await settled(async () => ({
      count: (await overviewCounts()).templatesDue,
      list: await listTemplates({ reviewDue: true }),
    }));
    expect(reading.list).toHaveLength(reading.count);
  });

  it("Overdue maintenance counts the overdue lists of the maintenance board", async () => {
    const reading = await settled(async () => {
      const board = await getMaintenanceBoard();
      return {
        count: (await overviewCounts()).overdueMaintenance,
        list: board.schedules.flatMap((s) => Array.from({ length: s.overdueCount }, () => s.id)),
      };
    });
    expect(reading.list).toHaveLength(reading.count);
  });
});

/** What each card counts among this file's deployments (narrowed to its environment). */
const expectedNarrowed: Record<(typeof deploymentCards)[number]["key"], number> = {
  clearedToShip: 2, // due, cleared (deployed is past shipping)
  awaitingSignOff: 1, // review
  blocked: 1, // blocked
  missedTarget: 1, // blocked
  reviewDue: 1, // due
  deployedVerificationOpen: 1, // deployed
};
