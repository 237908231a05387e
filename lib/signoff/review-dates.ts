// The bound on a chosen next-review day, for sign-offs and template reviews alike: tomorrow
// at the earliest (UTC days, as dates are stored), and at most twice the template version's
// review interval away, so no approval or review stands forever. Shared by the server's
// checks and the date pickers' min and max.
import { utcDay } from "@/lib/format";

export const MAX_REVIEW_FACTOR = 2;

/** The furthest a next review may be, in days from today. */
export function maxReviewDays(intervalDays: number): number {
  return MAX_REVIEW_FACTOR * intervalDays;
}

/** What is wrong with `day` (YYYY-MM-DD) as the next review, or null when it is allowed. */
export function reviewDayProblem(day: string, intervalDays: number, now = new Date()): string | null {
  if (day <= utcDay(0, now)) return "The next review must be in the future (tomorrow or later).";
  const latest = utcDay(maxReviewDays(intervalDays), now);
  if (day > latest)
    return `The next review must be within ${maxReviewDays(intervalDays)} days (twice the review interval of ${intervalDays} days): ${latest} at the latest.`;
  return null;
}
