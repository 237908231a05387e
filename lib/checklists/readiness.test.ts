import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/checklists/readiness";

describe("computeReadiness", () => {
  it("is No-go while any critical item is open, whatever else is done", () => {
    const result = computeReadiness({
      CRITICAL: { total: 3, done: 2, notApplicable: 0 },
      HIGH: { total: 2, done: 2, notApplicable: 0 },
    });
    expect(result).toMatchObject({ ready: false, verdict: "NO_GO" });
    expect(result.byPriority.CRITICAL).toEqual({ total: 3, done: 2, notApplicable: 0, open: 1, percent: 66 });
  });

  it("counts not-applicable critical items as settled", () => {
    const result = computeReadiness({ CRITICAL: { total: 3, done: 2, notApplicable: 1 } });
    expect(result).toMatchObject({ ready: true, verdict: "GO", score: 100 });
  });

  it("is Go with risks when criticals are settled but high items are open", () => {
    const result = computeReadiness({
      CRITICAL: { total: 1, done: 1, notApplicable: 0 },
      HIGH: { total: 2, done: 1, notApplicable: 0 },
      RECOMMENDED: { total: 4, done: 0, notApplicable: 0 },
    });
    expect(result).toMatchObject({ ready: true, verdict: "GO_WITH_RISKS" });
  });

  it("is Go when only recommended items are open", () => {
    expect(
      computeReadiness({
        CRITICAL: { total: 1, done: 1, notApplicable: 0 },
        RECOMMENDED: { total: 5, done: 0, notApplicable: 0 },
      }).verdict,
    ).toBe("GO");
  });

  it("weighs critical above high above recommended in the score", () => {
    const criticalDone = computeReadiness({
      CRITICAL: { total: 1, done: 1, notApplicable: 0 },
      HIGH: { total: 1, done: 0, notApplicable: 0 },
      RECOMMENDED: { total: 1, done: 0, notApplicable: 0 },
    });
    const highDone = computeReadiness({
      CRITICAL: { total: 1, done: 0, notApplicable: 0 },
      HIGH: { total: 1, done: 1, notApplicable: 0 },
      RECOMMENDED: { total: 1, done: 0, notApplicable: 0 },
    });
    const recommendedDone = computeReadiness({
      CRITICAL: { total: 1, done: 0, notApplicable: 0 },
      HIGH: { total: 1, done: 0, notApplicable: 0 },
      RECOMMENDED: { total: 1, done: 1, notApplicable: 0 },
    });
    expect(criticalDone.score).toBeGreaterThan(highDone.score);
    expect(highDone.score).toBeGreaterThan(recommendedDone.score);
    expect(recommendedDone.score).toBeGreaterThan(0);
  });

  it("treats an empty checklist as ready with full progress", () => {
    expect(computeReadiness({})).toMatchObject({ ready: true, verdict: "GO", score: 100 });
  });
});
