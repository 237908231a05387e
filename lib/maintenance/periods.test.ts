import { describe, expect, it } from "vitest";
import { nextPeriod, periodContaining, periodLabel, periodsBetween } from "@/lib/maintenance/periods";
import { isValidTimeZone } from "@/lib/maintenance/time-zone";

const at = (iso: string) => new Date(iso);
const hours = (period: { start: Date; end: Date }) => (period.end.getTime() - period.start.getTime()) / 3_600_000;
const days = (period: { start: Date; end: Date }) => hours(period) / 24;

describe("period boundaries at year ends", () => {
  it("ends Dec 31 at midnight and starts Jan 1 a new day, month, quarter and year", () => {
    const lastMinute = at("2026-12-31T23:59:59.999Z");
    expect(periodContaining("DAILY", lastMinute, "UTC")).toEqual({
      start: at("2026-12-31T00:00:00Z"),
      end: at("2027-01-01T00:00:00Z"),
    });
    expect(periodContaining("MONTHLY", lastMinute, "UTC")).toEqual({
      start: at("2026-12-01T00:00:00Z"),
      end: at("2027-01-01T00:00:00Z"),
    });
    expect(periodContaining("QUARTERLY", lastMinute, "UTC")).toEqual({
      start: at("2026-10-01T00:00:00Z"),
      end: at("2027-01-01T00:00:00Z"),
    });
    expect(periodContaining("ANNUALLY", lastMinute, "UTC")).toEqual({
      start: at("2026-01-01T00:00:00Z"),
      end: at("2027-01-01T00:00:00Z"),
    });
    expect(periodContaining("ANNUALLY", at("2027-01-01T00:00:00Z"), "UTC").start).toEqual(at("2027-01-01T00:00:00Z"));
  });

  it("puts 2026-12-31 in ISO week 53 of 2026, which runs Monday 28 Dec to Monday 4 Jan", () => {
    const week = periodContaining("WEEKLY", at("2026-12-31T12:00:00Z"), "UTC");
    expect(week).toEqual({ start: at("2026-12-28T00:00:00Z"), end: at("2027-01-04T00:00:00Z") });
    expect(periodLabel("WEEKLY", week.start, "UTC")).toBe("Week 53 of 2026");
  });

  it("keeps the first days of January in the previous ISO year's last week", () => {
    const week = periodContaining("WEEKLY", at("2027-01-03T20:00:00Z"), "UTC");
    expect(week.start).toEqual(at("2026-12-28T00:00:00Z"));
    expect(periodLabel("WEEKLY", at("2021-01-01T00:00:00Z"), "UTC")).toBe("Week 53 of 2020");
  });

  it("puts the last days of December in the next ISO year's week 1", () => {
    const week = periodContaining("WEEKLY", at("2024-12-31T08:00:00Z"), "UTC");
    expect(week).toEqual({ start: at("2024-12-30T00:00:00Z"), end: at("2025-01-06T00:00:00Z") });
    expect(periodLabel("WEEKLY", week.start, "UTC")).toBe("Week 1 of 2025");
    expect(nextPeriod("WEEKLY", periodContaining("WEEKLY", at("2026-12-31T00:00:00Z"), "UTC"), "UTC").start).toEqual(
      at("2027-01-04T00:00:00Z"),
    );
  });

  it("follows the configured zone, not UTC: 23:30 UTC on Dec 31 is already 2027 in Tokyo", () => {
    const year = periodContaining("ANNUALLY", at("2026-12-31T23:30:00Z"), "Asia/Tokyo");
    expect(year.start).toEqual(at("2026-12-31T15:00:00Z"));
    expect(periodLabel("ANNUALLY", year.start, "Asia/Tokyo")).toBe("2027");
  });
});

describe("leap years", () => {
  it("has a Feb 29 2028 day and a 29-day February 2028", () => {
    expect(periodContaining("DAILY", at("2028-02-29T18:00:00Z"), "UTC")).toEqual({
      start: at("2028-02-29T00:00:00Z"),
      end: at("2028-03-01T00:00:00Z"),
    });
    expect(days(periodContaining("MONTHLY", at("2028-02-10T00:00:00Z"), "UTC"))).toBe(29);
    expect(days(periodContaining("MONTHLY", at("2027-02-10T00:00:00Z"), "UTC"))).toBe(28);
  });

  it("makes Q1 2028 91 days long and Q1 2027 90, and 2028 366 days", () => {
    const q1 = periodContaining("QUARTERLY", at("2028-02-29T00:00:00Z"), "UTC");
    expect(q1).toEqual({ start: at("2028-01-01T00:00:00Z"), end: at("2028-04-01T00:00:00Z") });
    expect(days(q1)).toBe(91);
    expect(periodLabel("QUARTERLY", q1.start, "UTC")).toBe("Q1 2028");
    expect(days(periodContaining("QUARTERLY", at("2027-03-31T00:00:00Z"), "UTC"))).toBe(90);
    expect(days(periodContaining("ANNUALLY", at("2028-06-01T00:00:00Z"), "UTC"))).toBe(366);
  });
});

describe("quarter ends", () => {
  it.each([
    ["2026-03-31T23:59:59.999Z", "2026-01-01", "2026-04-01"],
    ["2026-04-01T00:00:00.000Z", "2026-04-01", "2026-07-01"],
    ["2026-06-30T12:00:00.000Z", "2026-04-01", "2026-07-01"],
    ["2026-09-30T23:00:00.000Z", "2026-07-01", "2026-10-01"],
    ["2026-10-01T00:00:00.000Z", "2026-10-01", "2027-01-01"],
  ])("puts %s in the quarter %s – %s", (instant, start, end) => {
    expect(periodContaining("QUARTERLY", at(instant), "UTC")).toEqual({
      start: at(`${start}T00:00:00Z`),
      end: at(`${end}T00:00:00Z`),
    });
  });
});

describe("daylight-saving changes", () => {
  it("makes the last Sunday of March 2026 a 23-hour day in Europe/Berlin", () => {
    const day = periodContaining("DAILY", at("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(day).toEqual({ start: at("2026-03-28T23:00:00Z"), end: at("2026-03-29T22:00:00Z") });
    expect(hours(day)).toBe(23);
    expect(periodLabel("DAILY", day.start, "Europe/Berlin")).toBe("Sun 29 Mar 2026");
    const week = periodContaining("WEEKLY", at("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(week).toEqual({ start: at("2026-03-22T23:00:00Z"), end: at("2026-03-29T22:00:00Z") });
    expect(hours(week)).toBe(7 * 24 - 1);
  });

  it("makes the first Sunday of November 2026 a 25-hour day in America/New_York", () => {
    const day = periodContaining("DAILY", at("2026-11-01T12:00:00Z"), "America/New_York");
    expect(day).toEqual({ start: at("2026-11-01T04:00:00Z"), end: at("2026-11-02T05:00:00Z") });
    expect(hours(day)).toBe(25);
    const month = periodContaining("MONTHLY", at("2026-11-15T12:00:00Z"), "America/New_York");
    expect(month).toEqual({ start: at("2026-11-01T04:00:00Z"), end: at("2026-12-01T05:00:00Z") });
  });

  it("starts the next Berlin day at local midnight after the change, not 24 hours later", () => {
    const day = periodContaining("DAILY", at("2026-03-28T12:00:00Z"), "Europe/Berlin");
    expect(nextPeriod("DAILY", day, "Europe/Berlin")).toEqual({
      start: at("2026-03-28T23:00:00Z"),
      end: at("2026-03-29T22:00:00Z"),
    });
  });
});

describe("periodsBetween", () => {
  it("lists every period from the first one up to now, oldest first", () => {
    const periods = periodsBetween("WEEKLY", at("2026-12-16T10:00:00Z"), at("2027-01-05T10:00:00Z"), "UTC", 400);
    expect(periods.map((p) => p.start.toISOString().slice(0, 10))).toEqual([
      "2026-12-14",
      "2026-12-21",
      "2026-12-28",
      "2027-01-04",
    ]);
  });

  it("keeps only the most recent `limit` periods", () => {
    const periods = periodsBetween("DAILY", at("2020-01-01T00:00:00Z"), at("2026-01-10T12:00:00Z"), "UTC", 3);
    expect(periods.map((p) => p.start.toISOString().slice(0, 10))).toEqual(["2026-01-08", "2026-01-09", "2026-01-10"]);
  });

  it("gives the current period alone when the schedule began in it", () => {
    expect(
      periodsBetween("MONTHLY", at("2026-05-20T00:00:00Z"), at("2026-05-21T00:00:00Z"), "Europe/Berlin", 400),
    ).toHaveLength(1);
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA names and UTC, refuses anything else", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
