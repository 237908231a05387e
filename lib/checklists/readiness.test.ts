import { describe, expect, it } from "vitest";
import {
  computeReadiness,
  computeVerification,
  gateRefusals,
  isClearedToShip,
  isWaived,
  readinessOfSections,
  readinessPercent,
  verificationOfSections,
  waiverCounts,
  type SignOffFacts,
} from "@/lib/checklists/readiness";
import type { ChecklistItem, ChecklistSection } from "@/lib/checklists/types";

describe("computeReadiness", () => {
  it("is No-go while any critical item is open, whatever else is done", () => {
    const result = computeReadiness({
      CRITICAL: { total: 3, done: 2, notApplicable: 0 },
      HIGH: { total: 2, done: 2, notApplicable: 0 },
    });
    expect(result).toMatchObject({ ready: false, verdict: "NO_GO" });
    expect(result.byPriority.CRITICAL).toEqual({
      total: 3,
      done: 2,
      notApplicable: 0,
      waived: 0,
      open: 1,
      percent: 66,
    });
  });

  it("counts waived items as settled, and says Go with waivers when one is", () => {
    const result = computeReadiness({
      CRITICAL: { total: 1, done: 1, notApplicable: 0 },
      HIGH: { total: 2, done: 1, notApplicable: 0, waived: 1 },
    });
    expect(result).toMatchObject({ ready: true, verdict: "GO_WITH_WAIVERS", score: 100 });
    expect(result.byPriority.HIGH).toMatchObject({ open: 0, waived: 1, percent: 100 });
    // An open high item still outranks a waiver.
    const risky = computeReadiness({
      HIGH: { total: 2, done: 0, notApplicable: 0, waived: 1 },
    });
    expect(risky.verdict).toBe("GO_WITH_RISKS");
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

describe("the readiness percentage", () => {
  const all = (total: number, settled = total) => ({ total, done: settled, notApplicable: 0 });

  it("is 100 when there are no pre-deployment leaves", () => {
    expect(readinessPercent({})).toBe(100);
    expect(readinessPercent({ CRITICAL: all(0), HIGH: all(0) })).toBe(100);
  });

  it("weighs settled leaves 8 / 4 / 2 / 1 and rounds down", () => {
    // 27/27 critical and 23/23 high done, 0/23 recommended: (216 + 92) / (216 + 92 + 46) = 87.005…
    const counts = { CRITICAL: all(27), HIGH: all(23), RECOMMENDED: all(23, 0) };
    expect(readinessPercent(counts)).toBe(Math.floor(((27 * 8 + 23 * 4) / (27 * 8 + 23 * 4 + 23 * 2)) * 100));
    expect(readinessPercent(counts)).toBe(87);
    expect(computeReadiness(counts).score).toBe(87);
    // One of each, only the item without priority settled: 1 / 15 = 6.67 → 6.
    expect(readinessPercent({ CRITICAL: all(1, 0), HIGH: all(1, 0), RECOMMENDED: all(1, 0), NONE: all(1) })).toBe(6);
  });

  it("counts not-applicable as settled, like done", () => {
    expect(readinessPercent({ HIGH: { total: 2, done: 0, notApplicable: 1 } })).toBe(50);
  });

  it("is never 100 while a leaf is open, however small its weight", () => {
    expect(readinessPercent({ CRITICAL: all(300), NONE: all(1, 0) })).toBe(99);
  });
});

const leaf = (id: string, status: "OPEN" | "DONE" | "NOT_APPLICABLE"): ChecklistItem => ({
  id,
  key: `i-${id}`,
  text: id,
  details: null,
  waiver: null,
  children: [],
  state: {
    itemId: id,
    status,
    naReason: status === "NOT_APPLICABLE" ? "n/a" : null,
    note: null,
    evidenceLinks: [],
    assignee: null,
    updatedBy: null,
    updatedAt: "2026-01-01T00:00:00.000Z",
    version: 0,
    previousState: null,
  },
});

const sections: ChecklistSection[] = [
  { id: "c", title: "Critical", kind: "PRE_DEPLOYMENT", priority: "CRITICAL", items: [leaf("c1", "DONE")] },
  {
    id: "r",
    title: "Recommended",
    kind: "PRE_DEPLOYMENT",
    priority: "RECOMMENDED",
    items: [
      {
        id: "rp",
        key: "i-rp",
        text: "Parent",
        details: null,
        state: null,
        waiver: null,
        children: [leaf("r1", "DONE"), leaf("r2", "OPEN")],
      },
    ],
  },
  {
    id: "v",
    title: "Verification",
    kind: "POST_DEPLOYMENT",
    priority: null,
    items: [
      {
        id: "p",
        key: "i-p",
        text: "Smoke",
        details: null,
        state: null,
        waiver: null,
        children: [leaf("v1", "DONE"), leaf("v2", "OPEN")],
      },
      leaf("v3", "NOT_APPLICABLE"),
      leaf("v4", "OPEN"),
    ],
  },
];

describe("readiness and verification of a loaded checklist", () => {
  it("readiness counts pre-deployment leaves only (parents are not leaves)", () => {
    const readiness = readinessOfSections(sections);
    // (8 + 2) / (8 + 2 + 2) = 83.3 → 83
    expect(readiness).toMatchObject({ ready: true, verdict: "GO", score: 83 });
    expect(readiness.byPriority.RECOMMENDED).toMatchObject({ total: 2, done: 1, open: 1, percent: 50 });
    expect(readiness.byPriority.NONE.total).toBe(0);
  });

  it("post-deployment items never change the verdict or the readiness percentage", () => {
    const settledVerification = sections.map((s) =>
      s.kind === "POST_DEPLOYMENT" ? { ...s, items: [leaf("v1", "DONE")] } : s,
    );
    const withoutVerification = sections.filter((s) => s.kind !== "POST_DEPLOYMENT");
    expect(readinessOfSections(settledVerification)).toEqual(readinessOfSections(sections));
    expect(readinessOfSections(withoutVerification)).toEqual(readinessOfSections(sections));
  });

  it("verification counts the post-deployment leaves, unweighted, rounded down", () => {
    expect(verificationOfSections(sections)).toEqual({ total: 4, done: 1, notApplicable: 1, open: 2, percent: 50 });
    expect(verificationOfSections(sections.slice(0, 1))).toEqual({
      total: 0,
      done: 0,
      notApplicable: 0,
      open: 0,
      percent: 100,
    });
    expect(computeVerification({ total: 3, done: 2, notApplicable: 0 }).percent).toBe(66);
  });
});

describe("the gate's rules and cleared to ship", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const settled = computeReadiness({ CRITICAL: { total: 1, done: 1, notApplicable: 0 } });
  const signedOff: SignOffFacts = {
    status: "SIGNED_OFF",
    approvals: 1,
    requiredApprovals: 1,
    nextReviewAt: new Date("2027-01-01T00:00:00Z"),
    invalidated: false,
    rejected: false,
    highBlocksGate: false,
    unmetGroups: [],
    pendingWaivers: 0,
    expiredWaivers: 0,
  };

  it("clears a signed-off deployment whose sign-off stands", () => {
    expect(gateRefusals(settled, signedOff, now)).toEqual([]);
    expect(isClearedToShip(settled, signedOff, now)).toBe(true);
    expect(isClearedToShip(settled, { ...signedOff, nextReviewAt: null }, now)).toBe(true);
  });

  it("does not clear a deployed release (it has shipped) though the gate still answers 200 for it", () => {
    const deployed = { ...signedOff, status: "DEPLOYED" as const };
    expect(gateRefusals(settled, deployed, now)).toEqual([]);
    expect(isClearedToShip(settled, deployed, now)).toBe(false);
  });

  it("refuses for each rule the gate names", () => {
    const open = computeReadiness({ CRITICAL: { total: 1, done: 0, notApplicable: 0 } });
    expect(gateRefusals(open, signedOff, now)).toEqual(["OPEN_CRITICAL_ITEMS"]);
    expect(gateRefusals(settled, { ...signedOff, approvals: 1, requiredApprovals: 2 }, now)).toEqual([
      "MISSING_APPROVALS",
    ]);
    expect(gateRefusals(settled, { ...signedOff, nextReviewAt: now }, now)).toEqual(["REVIEW_EXPIRED"]);
    expect(gateRefusals(settled, { ...signedOff, invalidated: true }, now)).toEqual(["SIGNOFF_INVALIDATED"]);
    expect(gateRefusals(settled, { ...signedOff, status: "CANCELLED", approvals: 0 }, now)).toEqual(["CANCELLED"]);
    expect(gateRefusals(settled, { ...signedOff, status: "IN_PROGRESS", approvals: 0, rejected: true }, now)).toEqual([
      "REJECTED",
      "NOT_SUBMITTED",
    ]);
    expect(gateRefusals(settled, { ...signedOff, status: "READY_FOR_REVIEW", approvals: 0 }, now)).toEqual([
      "MISSING_APPROVALS",
    ]);
    for (const facts of [
      { ...signedOff, requiredApprovals: 2 },
      { ...signedOff, nextReviewAt: now },
      { ...signedOff, invalidated: true },
      { ...signedOff, status: "READY_FOR_REVIEW" as const },
    ])
      expect(isClearedToShip(settled, facts, now)).toBe(false);
    expect(isClearedToShip(open, signedOff, now)).toBe(false);
  });

  it("refuses a pending or expired waiver, and open HIGH items where the version says they block", () => {
    expect(gateRefusals(settled, { ...signedOff, pendingWaivers: 1 }, now)).toEqual(["WAIVER_PENDING"]);
    expect(gateRefusals(settled, { ...signedOff, expiredWaivers: 2 }, now)).toEqual(["WAIVER_EXPIRED"]);
    const openHigh = computeReadiness({
      CRITICAL: { total: 1, done: 1, notApplicable: 0 },
      HIGH: { total: 1, done: 0, notApplicable: 0 },
    });
    expect(gateRefusals(openHigh, signedOff, now)).toEqual([]);
    expect(gateRefusals(openHigh, { ...signedOff, highBlocksGate: true }, now)).toEqual(["OPEN_HIGH_ITEMS"]);
  });
});

describe("waivers on a loaded checklist", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const waiver = (status: "PENDING" | "APPROVED" | "EXPIRED", expiresAt: string) => ({
    id: `w-${status}`,
    itemKey: "k",
    itemText: "x",
    priority: "HIGH" as const,
    status,
    reason: "r",
    control: "c",
    expiresAt,
    requestedBy: { id: "u", name: "U" },
    requestedAt: "2026-11-01T00:00:00.000Z",
    requiredApprovals: 1,
    approvals: [],
    decidedBy: null,
    decisionNote: null,
  });
  const waivedLeaf = (id: string, w: ReturnType<typeof waiver> | null): ChecklistItem => ({
    ...leaf(id, "OPEN"),
    waiver: w,
  });
  const high = (items: ChecklistItem[]): ChecklistSection[] => [
    { id: "h", title: "High", kind: "PRE_DEPLOYMENT", priority: "HIGH", items },
  ];

  it("settles an open item under an approved waiver until it expires, not a pending or expired one", () => {
    const sections = high([
      waivedLeaf("a", waiver("APPROVED", "2026-12-02T00:00:00.000Z")),
      waivedLeaf("b", waiver("PENDING", "2026-12-20T00:00:00.000Z")),
      waivedLeaf("c", waiver("APPROVED", "2026-12-01T11:00:00.000Z")),
      waivedLeaf("d", waiver("EXPIRED", "2026-11-30T00:00:00.000Z")),
    ]);
    expect(readinessOfSections(sections, now).byPriority.HIGH).toMatchObject({ waived: 1, open: 3 });
    expect(waiverCounts(sections, now)).toEqual({ pending: 1, expired: 2 });
    expect(isWaived(waiver("APPROVED", "2026-12-01T12:00:00.000Z"), now)).toBe(false);
    // A day later the first has expired too.
    expect(readinessOfSections(sections, new Date("2026-12-02T00:00:00Z")).byPriority.HIGH.waived).toBe(0);
  });
});
