import { describe, expect, it } from "vitest";
import { summarize } from "./stats";

describe("summarize", () => {
  it("takes nearest-rank percentiles, whatever the order of the samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it("reports a single sample as every percentile, and nothing as NaN", () => {
    expect(summarize([7])).toMatchObject({ p50: 7, p95: 7, p99: 7 });
    expect(summarize([]).p95).toBeNaN();
  });
});
