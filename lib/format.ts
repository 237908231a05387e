// Dates, times and sentences as people read them, the same on server and client.
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDate(value: Date | string | null | undefined): string {
  return value ? dateFormat.format(new Date(value)) : "—";
}

export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? `${dateTimeFormat.format(new Date(value))} UTC` : "—";
}

/** Text that ends a sentence: a period added unless it already ends with one (or with ! ? …,
 * before any closing quote or bracket), so sentences joined with a space stay apart. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return !trimmed || /[.!?…]["'”’)\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The UTC calendar day `offsetDays` after `now`, as YYYY-MM-DD: a date field's value as the
 * server reads it (chosen days are UTC days), for a picker's `min`. */
export function utcDay(offsetDays = 0, now: Date = new Date()): string {
  return new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
