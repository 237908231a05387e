import { describe, expect, it } from "vitest";
import { parseOk, readSeed } from "@/test/markdown-helpers";
import type { ParsedItem } from "@/lib/templates/markdown/types";
import { importSummaryLine } from "./import-summary";

const leaf = (text: string): ParsedItem => ({ text, children: [] });

describe("importSummaryLine", () => {
  it("summarises the seed checklist", () => {
    const { template } = parseOk(readSeed());
    expect(importSummaryLine(template.sections)).toBe(
      "27 critical · 23 high · 23 recommended · 18 post-deployment · 12 maintenance · 12 procedure steps",
    );
  });

  it("counts leaves only, follows corrected kinds and leaves out empty categories", () => {
    const nested: ParsedItem = {
      text: "group",
      children: [leaf("a"), { text: "b", children: [leaf("b1"), leaf("b2")] }],
    };
    expect(importSummaryLine([{ kind: "PRE_DEPLOYMENT", priority: null, cadence: null, items: [nested] }])).toBe(
      "3 pre-deployment without priority",
    );
    expect(importSummaryLine([{ kind: "REFERENCE", priority: "HIGH", cadence: null, items: [leaf("x")] }])).toBe(
      "1 reference item",
    );
    expect(importSummaryLine([])).toBe("No items");
  });
});
