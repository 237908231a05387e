const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const longMonthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-11" → a date in that month, for formatting only (the month was cut in the org's zone). */
const monthDate = (month: string) => new Date(`${month}-01T00:00:00Z`);

/** "2026-11" → "Nov 2026". */
export const shortMonth = (month: string) => monthFormat.format(monthDate(month));
/** "2026-11" → "November 2026". */
export const longMonth = (month: string) => longMonthFormat.format(monthDate(month));
