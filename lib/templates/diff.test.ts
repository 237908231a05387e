import { describe, expect, it } from "vitest";
import { diffStructures, isEmptyDiff } from "./diff";
import type { TemplateStructure } from "./structure";

const base: TemplateStructure = {
  title: "Release",
  reviewIntervalDays: 90,
  sections: [
    {
      key: "s-checks",
      title: "Checks",
      kind: "PRE_DEPLOYMENT",
      priority: "CRITICAL",
      cadence: null,
      content: null,
      items: [
        { key: "i-a", text: "Backups verified", details: "- restore one table", children: [] },
        { key: "i-b", text: "Alerts wired", children: [] },
      ],
    },
  ],
};

function edit(change: (s: TemplateStructure) => void): TemplateStructure {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

describe("diffStructures", () => {
  it("finds nothing between a structure and its copy", () => {
    expect(isEmptyDiff(diffStructures(base, structuredClone(base)))).toBe(true);
  });

  it("reports an item whose details were edited, added or removed, by its text", () => {
    const after = edit((s) => {
      s.sections[0]!.items[0]!.details = "- restore one table\n- time it";
      s.sections[0]!.items[1]!.details = "See the on-call guide.";
    });
    const diff = diffStructures(base, after);
    expect(diff.itemsDetailsChanged).toEqual([
      { section: "Checks", text: "Backups verified" },
      { section: "Checks", text: "Alerts wired" },
    ]);
    expect(diff.itemsChanged).toEqual([]);
    expect(isEmptyDiff(diff)).toBe(false);
    const removed = diffStructures(
      base,
      edit((s) => {
        s.sections[0]!.items[0]!.details = null;
      }),
    );
    expect(removed.itemsDetailsChanged).toEqual([{ section: "Checks", text: "Backups verified" }]);
  });

  it("does not count absent, null and blank details as a change", () => {
    const after = edit((s) => {
      s.sections[0]!.items[1]!.details = "  ";
    });
    expect(isEmptyDiff(diffStructures(base, after))).toBe(true);
  });

  it("reports text edits, moves, additions and removals by key", () => {
    const after = edit((s) => {
      const [a, b] = s.sections[0]!.items;
      s.sections[0]!.items = [
        { ...b!, text: "Alerts wired and tested" },
        a!,
        { key: "i-c", text: "New", children: [] },
      ];
    });
    const diff = diffStructures(base, after);
    expect(diff.itemsChanged).toEqual([{ section: "Checks", from: "Alerts wired", to: "Alerts wired and tested" }]);
    expect(diff.itemsMoved.map((i) => i.text)).toEqual(["Alerts wired and tested", "Backups verified"]);
    expect(diff.itemsAdded).toEqual([{ section: "Checks", text: "New" }]);
    expect(diffStructures(after, base).itemsRemoved).toEqual([{ section: "Checks", text: "New" }]);
  });
});

describe("diffStructures: approver groups", () => {
  it("reports a section's group set, changed or cleared, and the whole checklist's", () => {
    const withGroups = edit((s) => {
      s.approverGroup = "compliance";
      s.sections[0]!.approverGroup = "security";
    });
    const added = diffStructures(base, withGroups);
    expect(added.approverGroup).toEqual({ from: null, to: "compliance" });
    expect(added.sectionsChanged).toEqual([{ title: "Checks", changes: ["approver group none → security"] }]);
    expect(isEmptyDiff(added)).toBe(false);

    const changed = diffStructures(
      withGroups,
      edit((s) => {
        s.approverGroup = null;
        s.sections[0]!.approverGroup = "compliance";
      }),
    );
    expect(changed.approverGroup).toEqual({ from: "compliance", to: null });
    expect(changed.sectionsChanged).toEqual([{ title: "Checks", changes: ["approver group security → compliance"] }]);
  });

  it("does not count an absent group and null as a change", () => {
    const after = edit((s) => {
      s.approverGroup = null;
      s.sections[0]!.approverGroup = null;
    });
    const diff = diffStructures(base, after);
    expect(diff.approverGroup).toBeNull();
    expect(isEmptyDiff(diff)).toBe(true);
  });
});
