import { describe, expect, it } from "vitest";
import { approvalConflict, describeContributions, listInWords, type ContributionSummary } from "./policy";

const none: ContributionSummary = {
  created: false,
  owner: false,
  ownerSet: false,
  status: 0,
  naReason: 0,
  note: 0,
  evidence: 0,
  waivers: 0,
};

describe("separation of duties (approvalConflict)", () => {
  it("lets someone who did nothing approve", () => {
    expect(approvalConflict(none)).toBeNull();
  });

  it("names everything the person did, in words", () => {
    expect(approvalConflict({ ...none, created: true, ownerSet: true, status: 27, note: 1 })).toBe(
      "You may not approve this deployment: you created it, changed the status of 27 of its items and wrote the note of one item. A reviewer who did not work on it must approve it.",
    );
    expect(describeContributions({ ...none, owner: true, ownerSet: true, naReason: 2, evidence: 3 })).toEqual([
      "owned it",
      "named its owner",
      "gave the N/A reason of 2 items",
      "linked evidence on 3 items",
    ]);
    expect(describeContributions({ ...none, status: 1 })).toEqual(["changed the status of one of its items"]);
    expect(describeContributions({ ...none, waivers: 1 })).toEqual(["asked to waive one item"]);
  });

  it("joins lists as a sentence does", () => {
    expect([listInWords([]), listInWords(["a"]), listInWords(["a", "b"]), listInWords(["a", "b", "c"])]).toEqual([
      "",
      "a",
      "a and b",
      "a, b and c",
    ]);
  });
});
