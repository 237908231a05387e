import { describe, expect, it } from "vitest";
import { readinessOfSections, verificationOfSections } from "@/lib/checklists/tree";
import type { ChecklistItem, ChecklistSection } from "@/lib/checklists/types";

const leaf = (id: string, status: "OPEN" | "DONE" | "NOT_APPLICABLE"): ChecklistItem => ({
  id,
  text: id,
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
    id: "v",
    title: "Verification",
    kind: "POST_DEPLOYMENT",
    priority: null,
    items: [
      { id: "p", text: "Smoke", state: null, children: [leaf("v1", "DONE"), leaf("v2", "OPEN")] },
      leaf("v3", "NOT_APPLICABLE"),
      leaf("v4", "OPEN"),
    ],
  },
];

describe("readiness and verification of a loaded checklist", () => {
  it("readiness counts pre-deployment items only: open verification never holds the gate", () => {
    const readiness = readinessOfSections(sections);
    expect(readiness).toMatchObject({ ready: true, verdict: "GO", score: 100 });
    expect(readiness.byPriority.NONE.total).toBe(0);
  });

  it("verification counts the post-deployment leaves", () => {
    expect(verificationOfSections(sections)).toEqual({ total: 4, done: 1, notApplicable: 1, open: 2 });
    expect(verificationOfSections(sections.slice(0, 1))).toEqual({ total: 0, done: 0, notApplicable: 0, open: 0 });
  });
});
