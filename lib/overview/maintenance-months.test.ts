import { describe, expect, it } from "vitest";
import {
  completionByMonth,
  completionWindow,
  monthOfList,
  roundedPercent,
  type DueDateTasks,
} from "@/lib/overview/maintenance-months";

describe("the month a maintenance list counts in", () => {
  it("is the month of the period's last day: the week of 30 Nov – 6 Dec (due 7 Dec 00:00) counts in December", () => {
    expect(monthOfList(new Date("2026-12-07T00:00:00Z"), "UTC")).toBe("2026-12");
  });

  it("files a November list (due 1 Dec 00:00, the exclusive end of its period) under November", () => {
    expect(monthOfList(new Date("2026-12-01T00:00:00Z"), "UTC")).toBe("2026-11");
  });

  it("reads both in the organisation's time zone (Europe/Berlin: 7 Dec and 1 Dec 00:00 are 23:00 UTC the day before)", () => {
    expect(monthOfList(new Date("2026-12-07T00:00:00+01:00"), "Europe/Berlin")).toBe("2026-12");
    expect(monthOfList(new Date("2026-12-01T00:00:00+01:00"), "Europe/Berlin")).toBe("2026-11");
    // Summer time: a September list in Berlin is due 1 Oct 00:00 +02:00 (30 Sep 22:00 UTC).
    expect(monthOfList(new Date("2026-10-01T00:00:00+02:00"), "Europe/Berlin")).toBe("2026-09");
  });

  it("works west of UTC, where reading the due date in UTC would be a month late (America/New_York)", () => {
    // 1 Dec 00:00 in New York is 05:00 UTC: still 1 Dec in UTC, but November's list there.
    expect(monthOfList(new Date("2026-12-01T00:00:00-05:00"), "America/New_York")).toBe("2026-11");
    expect(monthOfList(new Date("2026-12-01T00:00:00-05:00"), "UTC")).toBe("2026-12");
    expect(monthOfList(new Date("2026-12-07T00:00:00-05:00"), "America/New_York")).toBe("2026-12");
  });
});

describe("maintenance completion per month", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const berlin = "Europe/Berlin";
  const due = (iso: string, total: number, completed: number, onTime: number): DueDateTasks => ({
    dueAt: new Date(iso),
    total,
    completed,
    onTime,
  });

  it("covers the last twelve months in the organisation's zone, the current one last", () => {
    const window = completionWindow(now, berlin);
    expect(window.months[0]).toBe("2026-01");
    expect(window.months.at(-1)).toBe("2026-12");
    expect(window.months).toHaveLength(12);
    // Bounds are Berlin midnights: 1 Jan 2026 00:00 (+01:00) and 1 Jan 2027 00:00 (+01:00).
    expect(window.start.toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });

  it("files the week of 30 Nov – 6 Dec under December and November's monthly list under November (Berlin)", () => {
    const months = completionByMonth(
      [due("2026-12-07T00:00:00+01:00", 3, 2, 2), due("2026-12-01T00:00:00+01:00", 4, 4, 3)],
      now,
      berlin,
    );
    expect(months.find((m) => m.month === "2026-12")).toMatchObject({ total: 3, completed: 2, onTime: 2 });
    expect(months.find((m) => m.month === "2026-11")).toMatchObject({ total: 4, completed: 4, onTime: 3 });
  });

  it("rounds to the nearest percent: 2 of 3 is 67 %, 1 of 3 is 33 %, 1 of 8 is 13 %", () => {
    expect(roundedPercent(2, 3)).toBe(67);
    expect(roundedPercent(1, 3)).toBe(33);
    expect(roundedPercent(1, 8)).toBe(13);
    expect(roundedPercent(3, 3)).toBe(100);
    const [december] = completionByMonth([due("2026-12-07T00:00:00Z", 3, 2, 1)], now, "UTC").slice(-1);
    expect(december).toEqual({
      month: "2026-12",
      total: 3,
      completed: 2,
      onTime: 1,
      completionRate: 67,
      onTimeRate: 33,
    });
  });

  it("sums the lists of one month, leaves months without lists at null rates, and ignores lists outside the window", () => {
    const months = completionByMonth(
      [
        due("2026-10-05T00:00:00Z", 2, 1, 1),
        due("2026-10-12T00:00:00Z", 2, 2, 1),
        // Due 1 Jan 2026 00:00: the December 2025 list, a month before the window.
        due("2026-01-01T00:00:00Z", 5, 5, 5),
        // Next year's first week: after the window.
        due("2027-01-04T00:00:00Z", 5, 5, 5),
      ],
      now,
      "UTC",
    );
    expect(months.map((m) => m.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(months.find((m) => m.month === "2026-10")).toEqual({
      month: "2026-10",
      total: 4,
      completed: 3,
      onTime: 2,
      completionRate: 75,
      onTimeRate: 50,
    });
    expect(months.find((m) => m.month === "2026-11")).toEqual({
      month: "2026-11",
      total: 0,
      completed: 0,
      onTime: 0,
      completionRate: null,
      onTimeRate: null,
    });
    expect(months.reduce((sum, m) => sum + m.total, 0)).toBe(4);
  });

  it("is empty when no list counts in the window", () => {
    expect(completionByMonth([], now, berlin)).toEqual([]);
    expect(completionByMonth([due("2025-06-01T00:00:00Z", 1, 1, 1)], now, berlin)).toEqual([]);
  });
});
