// The header's badge: how many rows My work lists, on every page. Counts in the database
// with the page's own filters (lib/my-work/rules.ts); only the person's own deployments are
// read as rows, since whether a sign-off was invalidated is the gate's judgement of facts.
import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { readerOf, type ReadOptions } from "@/lib/db";
import { organisationToday } from "@/lib/deployments/due-dates";
import { deploymentsNeedingMe } from "@/lib/my-work/my-deployments";
import { countReviewRemindersFor } from "@/lib/reminders/review-reminders";
import {
  activeRunsWhere,
  assignedItemsWhere,
  awaitingReviewWhere,
  pendingWaiversWhere,
  maintenanceTasksWhere,
  myWorkSections,
  requireSignedIn,
  type MyWorkSection,
} from "@/lib/my-work/rules";

export async function countMyWork(actor: Actor | null, now = new Date(), options?: ReadOptions): Promise<number> {
  requireSignedIn(actor);
  const client = readerOf(options);
  const sections = myWorkSections(actor);
  const count = (section: MyWorkSection, counter: () => Promise<number>) =>
    sections.includes(section) ? counter() : Promise.resolve(0);
  const counts = await Promise.all([
    count("items", () => client.itemState.count({ where: assignedItemsWhere(actor) })),
    count("reviews", () => client.deployment.count({ where: awaitingReviewWhere(actor) })),
    count("waivers", () => client.waiver.count({ where: pendingWaiversWhere(actor) })),
    count(
      "deployments",
      async () => (await deploymentsNeedingMe(actor, await organisationToday(now, client), client)).length,
    ),
    count("reminders", () => countReviewRemindersFor(actor.id, now, { db: client })),
    count("maintenance", () => client.maintenanceTask.count({ where: maintenanceTasksWhere(actor, now) })),
    count("procedures", () => client.procedureRun.count({ where: activeRunsWhere })),
  ]);
  return counts.reduce((sum, n) => sum + n, 0);
}
