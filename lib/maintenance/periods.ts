// Period boundaries of each cadence in a given time zone, with date-fns doing the calendar
// work (ISO weeks, month lengths, leap years, daylight-saving days). A period is half-open:
// [start, end); the next period starts at `end`, and a list is due at its period's end.
import { tz } from "@date-fns/tz";
import {
  addDays,
  addMonths,
  addQuarters,
  addWeeks,
  addYears,
  format,
  getISOWeek,
  getISOWeekYear,
  startOfDay,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
  startOfYear,
} from "date-fns";
import type { Cadence } from "@/lib/generated/prisma/enums";

export type Period = { start: Date; end: Date };

type Context = { in: ReturnType<typeof tz> };
type Rule = { startOf: (date: Date, context: Context) => Date; next: (start: Date, context: Context) => Date };

const rules: Record<Cadence, Rule> = {
  DAILY: { startOf: startOfDay, next: (start, context) => addDays(start, 1, context) },
  // ISO weeks start on Monday, whatever the locale says.
  WEEKLY: { startOf: startOfISOWeek, next: (start, context) => addWeeks(start, 1, context) },
  MONTHLY: { startOf: startOfMonth, next: (start, context) => addMonths(start, 1, context) },
  QUARTERLY: { startOf: startOfQuarter, next: (start, context) => addQuarters(start, 1, context) },
  ANNUALLY: { startOf: startOfYear, next: (start, context) => addYears(start, 1, context) },
};

/** Plain Dates out: TZDate is a Date, but callers compare and store instants. */
const instant = (date: Date) => new Date(date.getTime());

/** The period of `cadence` that contains `at`, in `timeZone`. */
export function periodContaining(cadence: Cadence, at: Date, timeZone: string): Period {
  const context = { in: tz(timeZone) };
  const start = rules[cadence].startOf(at, context);
  return { start: instant(start), end: instant(rules[cadence].next(start, context)) };
}

/** The period right after `period`. */
export function nextPeriod(cadence: Cadence, period: Period, timeZone: string): Period {
  return periodContaining(cadence, period.end, timeZone);
}

/**
 * Every period from the one containing `from` up to the one containing `to`, oldest first,
 * but at most the `limit` most recent ones. Walking back from `to` keeps the work bounded
 * by `limit`, however long ago `from` was.
 */
export function periodsBetween(cadence: Cadence, from: Date, to: Date, timeZone: string, limit: number): Period[] {
  const first = periodContaining(cadence, from, timeZone).start;
  const periods: Period[] = [];
  let period = periodContaining(cadence, to, timeZone);
  while (periods.length < limit && period.start >= first) {
    periods.push(period);
    period = periodContaining(cadence, new Date(period.start.getTime() - 1), timeZone);
  }
  return periods.reverse();
}

/** How people name a period: "Mon 30 Mar 2026", "Week 53 of 2026", "March 2026", "Q1 2028", "2028". */
export function periodLabel(cadence: Cadence, start: Date, timeZone: string): string {
  const context = { in: tz(timeZone) };
  switch (cadence) {
    case "DAILY":
      return format(start, "EEE d MMM yyyy", context);
    case "WEEKLY":
      return `Week ${getISOWeek(start, context)} of ${getISOWeekYear(start, context)}`;
    case "MONTHLY":
      return format(start, "MMMM yyyy", context);
    case "QUARTERLY":
      return format(start, "QQQ yyyy", context);
    case "ANNUALLY":
      return format(start, "yyyy", context);
  }
}
