import { describe, expect, it } from "vitest";
import { unmetGroups } from "./approver-groups";

const approval = (reviewerId: string, ...groups: string[]) => ({ reviewerId, groups });

describe("unmetGroups", () => {
  it("needs nothing when no group is required", () => {
    expect(unmetGroups([], [])).toEqual([]);
    expect(unmetGroups([], [approval("ann", "security")])).toEqual([]);
  });

  it("returns every required group when nobody approved, each once, in the order given", () => {
    expect(unmetGroups(["compliance", "security", "compliance"], [])).toEqual(["compliance", "security"]);
  });

  it("counts an approval for a group its reviewer belonged to, and only for that", () => {
    expect(unmetGroups(["security"], [approval("ann", "security")])).toEqual([]);
    expect(unmetGroups(["security"], [approval("ann", "compliance"), approval("bob")])).toEqual(["security"]);
  });

  it("counts one approval for one group at most: two groups need two people", () => {
    expect(unmetGroups(["compliance", "security"], [approval("ann", "compliance", "security")])).toEqual(["security"]);
    expect(
      unmetGroups(["compliance", "security"], [approval("ann", "compliance", "security"), approval("bob", "security")]),
    ).toEqual([]);
  });

  it("counts a person once, however many approvals they gave", () => {
    const twice = [approval("ann", "compliance"), approval("ann", "security")];
    expect(unmetGroups(["compliance", "security"], twice)).toHaveLength(1);
  });

  it("finds the assignment a greedy one misses", () => {
    // Greedy gives ann (first, in both) to compliance and leaves security uncovered; the
    // matching gives compliance to bob and security to ann.
    const approvals = [approval("ann", "compliance", "security"), approval("bob", "compliance")];
    expect(unmetGroups(["compliance", "security"], approvals)).toEqual([]);
  });

  it("re-assigns along a longer augmenting path", () => {
    // a: ann, bob · b: bob, cat · c: ann — only ann→c, bob→a, cat→b covers all three.
    const approvals = [approval("ann", "a", "c"), approval("bob", "a", "b"), approval("cat", "b")];
    expect(unmetGroups(["a", "b", "c"], approvals)).toEqual([]);
    expect(unmetGroups(["a", "b", "c", "d"], approvals)).toEqual(["d"]);
  });

  it("leaves the fewest groups uncovered and prefers covering the earlier ones", () => {
    // Three groups, two people who both belong to all three: one group stays uncovered, the last.
    const approvals = [approval("ann", "a", "b", "c"), approval("bob", "a", "b", "c")];
    expect(unmetGroups(["a", "b", "c"], approvals)).toEqual(["c"]);
    expect(unmetGroups(["c", "b", "a"], approvals)).toEqual(["a"]);
  });

  it("ignores groups nobody requires", () => {
    expect(unmetGroups(["a"], [approval("ann", "x", "y"), approval("bob", "a")])).toEqual([]);
  });
});
