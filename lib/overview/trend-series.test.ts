import { describe, expect, it } from "vitest";
import { chartRowsOf, percentOfSeries, seriesOf, type ReleaseRow } from "@/lib/overview/trend-series";

let next = 0;
function row(service: string, environment: string, version: string, day: number, percent = 50): ReleaseRow {
  return {
    deploymentId: `d${next++}`,
    service,
    environment,
    version,
    createdAt: new Date(Date.UTC(2026, 10, day, 12)).toISOString(),
    percent,
    settled: 1,
    total: 2,
  };
}

describe("readiness trend series", () => {
  it("draws one series per service and environment: one service in two environments is two lines", () => {
    const series = seriesOf([
      row("payments", "production", "1.0.0", 1, 20),
      row("payments", "staging", "1.1.0", 2, 60),
      row("payments", "production", "1.1.0", 3, 80),
      row("search", "production", "7", 4),
    ]);
    expect(series.map((line) => [line.key, line.service, line.environment])).toEqual([
      ["payments / production", "payments", "production"],
      ["payments / staging", "payments", "staging"],
      ["search / production", "search", "production"],
    ]);
    expect(series[0]!.releases.map((release) => [release.version, release.percent])).toEqual([
      ["1.0.0", 20],
      ["1.1.0", 80],
    ]);
    expect(series[1]!.releases.map((release) => release.version)).toEqual(["1.1.0"]);
  });

  it("puts each line's releases oldest first, whatever order they arrive in", () => {
    const [line] = seriesOf([row("api", "prod", "3", 9), row("api", "prod", "1", 1), row("api", "prod", "2", 5)]);
    expect(line!.releases.map((release) => release.version)).toEqual(["1", "2", "3"]);
  });

  it("labels every chart position with its release's version, in time order across lines", () => {
    const series = seriesOf([
      row("payments", "production", "1.0.0", 1, 20),
      row("payments", "staging", "1.1.0-rc", 2, 60),
      row("payments", "production", "1.1.0", 3, 80),
    ]);
    const rows = chartRowsOf(series);
    expect(rows.map((r) => [r.release.version, r.seriesKey])).toEqual([
      ["1.0.0", "payments / production"],
      ["1.1.0-rc", "payments / staging"],
      ["1.1.0", "payments / production"],
    ]);
    // No "−2 / −1 / latest": the positions are the releases, keyed by deployment for the links.
    expect(new Set(rows.map((r) => r.deploymentId)).size).toBe(rows.length);
    expect(rows.every((r) => r.deploymentId === r.release.deploymentId)).toBe(true);
  });

  it("gives each line its value only at its own releases (the others pass over them)", () => {
    const series = seriesOf([row("a", "prod", "1", 1, 10), row("a", "test", "2", 2, 30), row("a", "prod", "3", 3, 90)]);
    const rows = chartRowsOf(series);
    expect(rows.map(percentOfSeries(0))).toEqual([10, undefined, 90]);
    expect(rows.map(percentOfSeries(1))).toEqual([undefined, 30, undefined]);
  });

  it("keeps the version out of the row's top level, where recharts would copy it onto the dots as an SVG attribute", () => {
    const rows = chartRowsOf(seriesOf([row("a", "prod", "1.2.3", 1)]));
    expect(Object.keys(rows[0]!).sort()).toEqual(["deploymentId", "release", "seriesIndex", "seriesKey"]);
  });
});
