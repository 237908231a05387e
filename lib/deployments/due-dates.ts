// The dates a deployment can miss, defined once: the lists' filters, the overview's cards,
// My work and the reminders all use these, so a count and the list it links to agree.
// - Missed target: not DEPLOYED or CANCELLED, target date before today in the organisation's
//   time zone (a target date is a calendar day; the day itself is not missed yet).
// - Sign-off due for re-review: signed off (or deployed) with a standing approval whose next
//   review falls within the reminders' window (REMINDER_HORIZON_DAYS) or has passed. The
//   earliest standing approval decides, as the gate's REVIEW_EXPIRED does.
import "server-only";
import { tz } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { finalStatuses, signedOffStatuses } from "@/lib/deployments/lifecycle";
import { readOrgTimeZone } from "@/lib/maintenance/time-zone";

/** Days ahead a review counts as due: the reminders' window. */
export const REMINDER_HORIZON_DAYS = 14;

/** Today's calendar day in `timeZone`, as the Date a `@db.Date` column holds (UTC midnight). */
export function calendarDay(now: Date, timeZone: string): Date {
  return new Date(`${format(now, "yyyy-MM-dd", { in: tz(timeZone) })}T00:00:00Z`);
}

/** Today in the organisation's time zone (see calendarDay). */
export async function organisationToday(now = new Date(), client: Parameters<typeof readOrgTimeZone>[0] = db) {
  return calendarDay(now, await readOrgTimeZone(client));
}

/** Deployments past their target date; `today` from organisationToday. The lists' SQL is
 * missedTargetSql; due-dates.int.test.ts holds the three forms of the rule to one answer. */
export function missedTargetWhere(today: Date): Prisma.DeploymentWhereInput {
  return { status: { notIn: [...finalStatuses] }, targetDate: { lt: today } };
}

/** missedTargetWhere for the lists' SQL (the deployment is `d`). */
export function missedTargetSql(today: Date): Prisma.Sql {
  return Prisma.sql`(d.status::text <> ALL(${[...finalStatuses]}) AND d."targetDate" < ${today.toISOString().slice(0, 10)}::date)`;
}

/** Whether one deployment missed its target (its badge). */
export function missedTarget(deployment: { status: string; targetDate: Date | null }, today: Date): boolean {
  return (
    !(finalStatuses as readonly string[]).includes(deployment.status) &&
    deployment.targetDate !== null &&
    deployment.targetDate < today
  );
}

/** The moment until which a review date counts as due. */
export function reviewHorizon(now: Date): Date {
  return addDays(now, REMINDER_HORIZON_DAYS);
}

/** Signed-off deployments whose sign-off is due for re-review (or overdue) at `now`. */
export function reviewDueWhere(now: Date): Prisma.DeploymentWhereInput {
  return {
    status: { in: [...signedOffStatuses] },
    signOffs: { some: { decision: "APPROVED", invalidatedAt: null, nextReviewAt: { lte: reviewHorizon(now) } } },
  };
}

/** reviewDueWhere for the lists' SQL (the deployment is `d`). */
export function reviewDueSql(now: Date): Prisma.Sql {
  return Prisma.sql`(d.status::text = ANY(${[...signedOffStatuses]}) AND EXISTS (
    SELECT 1 FROM "SignOff" so
     WHERE so."deploymentId" = d.id AND so.decision = 'APPROVED' AND so."invalidatedAt" IS NULL
       AND so."nextReviewAt" <= ${reviewHorizon(now)}))`;
}

/** Templates due for their periodic review within the window (or overdue). */
export function templateReviewDueWhere(now: Date): Prisma.TemplateWhereInput {
  return { archivedAt: null, nextReviewAt: { lte: reviewHorizon(now) } };
}
