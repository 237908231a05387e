import { describe, expect, it } from "vitest";
import { checklistDigest, type DigestState } from "@/lib/signoff/digest";

const a: DigestState = {
  key: "i-a",
  status: "DONE",
  naReason: null,
  note: null,
  evidenceLinks: ["https://ci/1", "https://ci/2"],
};
const b: DigestState = {
  key: "i-b",
  status: "NOT_APPLICABLE",
  naReason: "No database",
  note: "checked",
  evidenceLinks: [],
};

describe("checklistDigest", () => {
  it("does not depend on the order states were loaded in", () => {
    expect(checklistDigest([a, b])).toBe(
      checklistDigest([b, { ...a, evidenceLinks: ["https://ci/2", "https://ci/1"] }]),
    );
    expect(checklistDigest([a, b])).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["status", { ...b, status: "OPEN" }],
    ["reason", { ...b, naReason: "No data" }],
    ["note", { ...b, note: "re-checked" }],
    ["evidence", { ...b, evidenceLinks: ["https://ci/3"] }],
  ])("changes when an item's %s changes", (_field, changed) => {
    expect(checklistDigest([a, changed])).not.toBe(checklistDigest([a, b]));
  });
});
