// Which month a maintenance list counts in, and the per-month completion the overview charts.
// Pure: the query only sums tasks per due date; the calendar work happens here, with date-fns
// in the organisation's time zone, so it can be tested without a database.
import { tz } from "@date-fns/tz";
import { addMonths, format, startOfMonth, subMonths } from "date-fns";

export const COMPLETION_MONTHS = 12;

/** `month` is "YYYY-MM" in the organisation's time zone; rates are null for a month without tasks. */
export type MonthCompletion = {
  month: string;
  total: number;
  completed: number;
  onTime: number;
  completionRate: number | null;
  onTimeRate: number | null;
};

/** The tasks of the lists sharing one due date. */
export type DueDateTasks = { dueAt: Date; total: number; completed: number; onTime: number };

/** Nearest whole percent (2 of 3 → 67), in integers so halves round up exactly. */
export const roundedPercent = (part: number, whole: number) => Math.round((part * 100) / whole);

/**
 * "YYYY-MM" of the month a list counts in: the one its period's last day falls in. Periods are
 * [start, end) and a list is due at its period's end, so the last moment of the period is one
 * millisecond before the due date: a week of 30 Nov – 6 Dec (due 7 Dec 00:00) counts in
 * December, a November list (due 1 Dec 00:00) in November.
 */
export function monthOfList(dueAt: Date, timeZone: string): string {
  return format(new Date(dueAt.getTime() - 1), "yyyy-MM", { in: tz(timeZone) });
}

/**
 * The last `COMPLETION_MONTHS` months, the one containing `now` last, as "YYYY-MM" keys, and
 * the due dates that fall in them: a list is in the window when start < dueAt ≤ end.
 */
export function completionWindow(now: Date, timeZone: string): { months: string[]; start: Date; end: Date } {
  const context = { in: tz(timeZone) };
  const first = subMonths(startOfMonth(now, context), COMPLETION_MONTHS - 1, context);
  const months = Array.from({ length: COMPLETION_MONTHS }, (_, i) =>
    format(addMonths(first, i, context), "yyyy-MM", context),
  );
  const end = addMonths(first, COMPLETION_MONTHS, context);
  return { months, start: new Date(first.getTime()), end: new Date(end.getTime()) };
}

/**
 * Per month of the window: the tasks of the lists that count in it, how many were completed,
 * and how many by their list's due date. Empty when no list counts in the window.
 */
export function completionByMonth(lists: DueDateTasks[], now: Date, timeZone: string): MonthCompletion[] {
  const { months } = completionWindow(now, timeZone);
  const sums = new Map(months.map((month) => [month, { total: 0, completed: 0, onTime: 0 }]));
  for (const list of lists) {
    const sum = sums.get(monthOfList(list.dueAt, timeZone));
    if (!sum) continue;
    sum.total += list.total;
    sum.completed += list.completed;
    sum.onTime += list.onTime;
  }
  if ([...sums.values()].every((sum) => sum.total === 0)) return [];
  return months.map((month) => {
    const sum = sums.get(month)!;
    return {
      month,
      ...sum,
      completionRate: sum.total === 0 ? null : roundedPercent(sum.completed, sum.total),
      onTimeRate: sum.total === 0 ? null : roundedPercent(sum.onTime, sum.total),
    };
  });
}
