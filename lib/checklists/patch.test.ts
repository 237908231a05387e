import { describe, expect, it } from "vitest";
import { findItemState, withItemState } from "@/lib/checklists/patch";
import type { Checklist } from "@/lib/checklists/types";
import type { ItemStateView } from "@/lib/deployments/item-state-view";

const open = (itemId: string): ItemStateView => ({
  itemId,
  status: "OPEN",
  naReason: null,
  note: null,
  evidenceLinks: [],
  assignee: null,
  updatedBy: null,
  updatedAt: "2026-01-01T00:00:00.000Z",
  version: 0,
  previousState: null,
});

function checklist(): Checklist {
  return {
    deployment: {
      id: "d",
      service: "api",
      environment: "prod",
      version: "1",
      status: "IN_PROGRESS",
      targetDate: null,
      owner: { id: "u", name: "U" },
      updatedAt: "2026-01-01T00:00:00.000Z",
      description: null,
      releaseRef: null,
      pipelineRunUrl: null,
      deployedAt: null,
      cancelledAt: null,
      cancelReason: null,
    },
    template: {
      id: "t",
      name: "T",
      versionNumber: 1,
      latestVersionNumber: 1,
      allowCriticalWaivers: false,
      highBlocksGate: false,
    },
    sections: [
      {
        id: "s1",
        title: "Critical",
        kind: "PRE_DEPLOYMENT",
        priority: "CRITICAL",
        items: [
          {
            id: "p",
            key: "i-p",
            text: "Parent",
            details: null,
            state: null,
            waiver: null,
            children: [
              { id: "a", key: "i-a", text: "A", details: null, state: open("a"), waiver: null, children: [] },
              { id: "b", key: "i-b", text: "B", details: null, state: open("b"), waiver: null, children: [] },
            ],
          },
        ],
      },
    ],
    readiness: { ready: false, verdict: "NO_GO", score: 0, byPriority: {} as Checklist["readiness"]["byPriority"] },
    verification: { total: 0, done: 0, notApplicable: 0, open: 0, percent: 100 },
    waivers: [],
    digest: "0".repeat(64),
    signOff: {
      requiredApprovals: 1,
      reviewIntervalDays: 90,
      approvals: [],
      rejection: null,
      invalidation: null,
      footer: { reviewedBy: null, lastUpdated: "2026-01-01T00:00:00.000Z", nextReview: null },
      contributors: [],
      requiredGroups: [],
      unmetGroups: [],
    },
  };
}

describe("withItemState", () => {
  it("replaces a nested leaf's state and recomputes the gate", () => {
    const once = withItemState(checklist(), { ...open("a"), status: "DONE", version: 1 });
    expect(findItemState(once, "a")).toMatchObject({ status: "DONE", version: 1 });
    expect(once.readiness.verdict).toBe("NO_GO");
    const twice = withItemState(once, { ...open("b"), status: "NOT_APPLICABLE", naReason: "No database", version: 1 });
    expect(twice.readiness).toMatchObject({ ready: true, verdict: "GO" });
    expect(findItemState(checklist(), "a")).toMatchObject({ status: "OPEN" });
  });
});
