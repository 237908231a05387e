import { describe, expect, it } from "vitest";
import { describeEvent, type ItemChangeValue } from "@/lib/deployments/item-history-view";

const ann = { id: "u-ann", name: "Ann" };
const cy = { id: "u-cy", name: "Cy" };
const dee = { id: "u-dee", name: "Dee" };
const say = (changes: ItemChangeValue[], viaApiToken = false) => describeEvent({ actor: ann, viaApiToken, changes });

describe("an item's history in words", () => {
  it("tells a status with its N/A reason in one clause", () => {
    expect(
      say([
        { field: "STATUS", before: "OPEN", after: "NOT_APPLICABLE" },
        { field: "NA_REASON", before: null, after: "No state kept" },
      ]),
    ).toBe("Ann marked it N/A: No state kept");
    expect(
      say([
        { field: "STATUS", before: "NOT_APPLICABLE", after: "OPEN" },
        { field: "NA_REASON", before: "No state kept", after: null },
      ]),
    ).toBe("Ann reopened it");
    expect(say([{ field: "STATUS", before: "OPEN", after: "DONE" }])).toBe("Ann marked it done");
    expect(say([{ field: "NA_REASON", before: "a", after: "b" }])).toBe("Ann changed the N/A reason to: b");
  });

  it("tells notes, evidence and assignees", () => {
    expect(say([{ field: "NOTE", before: null, after: "checked\non Monday" }])).toBe(
      "Ann added a note: “checked on Monday”",
    );
    expect(say([{ field: "NOTE", before: "a", after: "b" }])).toBe("Ann changed the note to “b”");
    expect(say([{ field: "NOTE", before: "a", after: null }])).toBe("Ann removed the note");
    expect(say([{ field: "NOTE", before: null, after: "x".repeat(500) }])).toMatch(/^Ann added a note: “x{159}…”$/);
    expect(
      say([{ field: "EVIDENCE", before: ["https://a.example", "https://b.example"], after: ["https://c.example"] }]),
    ).toBe("Ann added evidence: https://c.example; removed evidence: https://a.example, https://b.example");
    expect(say([{ field: "ASSIGNEE", before: null, after: cy }])).toBe("Ann assigned it to Cy");
    expect(say([{ field: "ASSIGNEE", before: cy, after: dee }])).toBe("Ann reassigned it from Cy to Dee");
    expect(say([{ field: "ASSIGNEE", before: cy, after: null }])).toBe("Ann unassigned Cy");
  });

  it("names a token and a version move's reset", () => {
    expect(say([{ field: "STATUS", before: "OPEN", after: "DONE" }], true)).toBe("Ann (API token) marked it done");
    expect(
      say([
        {
          field: "RESET",
          before: {
            templateVersion: 1,
            text: "Alerts",
            status: "NOT_APPLICABLE",
            naReason: "none here",
            note: "pager",
            evidenceLinks: [],
          },
          after: { templateVersion: 2, text: "Alerts tested" },
        },
      ]),
    ).toBe(
      "Ann moved the deployment to template version 2, which reworded or moved this item, so it starts again (under version 1 it was N/A (none here) with the note “pager”)",
    );
    expect(describeEvent({ actor: null, viaApiToken: false, changes: [] })).toBe("Someone changed it");
  });
});
