import { describe, expect, it } from "vitest";
import { checklistDigest, digestVersionOf, type DigestState } from "@/lib/signoff/digest";

const a: DigestState = {
  key: "i-a",
  kind: "PRE_DEPLOYMENT",
  status: "DONE",
  naReason: null,
  note: null,
  evidenceLinks: ["https://ci/1", "https://ci/2"],
};
const b: DigestState = {
  key: "i-b",
  kind: "PRE_DEPLOYMENT",
  status: "NOT_APPLICABLE",
  naReason: "No database",
  note: "checked",
  evidenceLinks: [],
};
const smoke: DigestState = {
  key: "i-smoke",
  kind: "POST_DEPLOYMENT",
  status: "OPEN",
  naReason: null,
  note: null,
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
    expect(checklistDigest([a, changed], 1)).not.toBe(checklistDigest([a, b], 1));
  });

  it("v1 is the algorithm approvals were stored with: every item, unchanged output", () => {
    // Computed by the code before digest versions existed; an approval stored then must still verify.
    expect(checklistDigest([a, b], 1)).toBe("f39489de2fda252f4410d166b5051f8bde818b671741e561d026207a345f4802");
    expect(checklistDigest([a, b, smoke], 1)).not.toBe(checklistDigest([a, b], 1));
    expect(checklistDigest([a, b, { ...smoke, status: "DONE" }], 1)).not.toBe(checklistDigest([a, b, smoke], 1));
  });

  it("v2, the default, leaves post-deployment verification out", () => {
    expect(checklistDigest([a, b, smoke])).toBe(checklistDigest([a, b, smoke], 2));
    expect(checklistDigest([a, b, smoke], 2)).toBe(checklistDigest([a, b], 2));
    const verified = { ...smoke, status: "DONE", note: "green", evidenceLinks: ["https://ci/9"] };
    expect(checklistDigest([a, b, verified], 2)).toBe(checklistDigest([a, b, smoke], 2));
    expect(checklistDigest([{ ...a, status: "OPEN" }, b, smoke], 2)).not.toBe(checklistDigest([a, b, smoke], 2));
  });

  it("knows only the versions it can compute", () => {
    expect(digestVersionOf(1)).toBe(1);
    expect(digestVersionOf(2)).toBe(2);
    expect(() => digestVersionOf(3)).toThrow(/Unknown checklist digest version 3/);
  });
});
