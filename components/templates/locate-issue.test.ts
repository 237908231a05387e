import { describe, expect, it } from "vitest";
import { structureSchema, type TemplateStructure } from "@/lib/templates/structure";
import { locateIssue } from "./locate-issue";

const structure: TemplateStructure = {
  title: "T",
  reviewIntervalDays: 90,
  sections: [
    {
      key: "s-a",
      title: "A",
      kind: "PRE_DEPLOYMENT",
      priority: "CRITICAL",
      cadence: null,
      content: null,
      items: [{ key: "i-1", text: "one", children: [] }],
    },
    {
      key: "s-b",
      title: "",
      kind: "PRE_DEPLOYMENT",
      priority: null,
      cadence: null,
      content: null,
      items: [
        {
          key: "i-2",
          text: "two",
          children: [{ key: "i-3", text: "three", children: [{ key: "i-4", text: " ", children: [] }] }],
        },
      ],
    },
  ],
};

describe("locateIssue", () => {
  it("names the item and focuses its text for a nested item issue", () => {
    const parsed = structureSchema.safeParse({
      ...structure,
      sections: [structure.sections[0], { ...structure.sections[1], title: "B" }],
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.message).toBe("An item needs text.");
    expect(locateIssue(structure, issue.path)).toEqual({
      label: "Section 2, item 1.1.1",
      focus: { key: "i-4", target: "text" },
    });
  });

  it("focuses the section title for a section issue", () => {
    expect(locateIssue(structure, ["sections", 1, "title"])).toEqual({
      label: "Section 2",
      focus: { key: "s-b", target: "title" },
    });
  });

  it("focuses template-level fields and gives up on unknown paths", () => {
    expect(locateIssue(structure, ["title"])).toEqual({ label: null, focus: { key: "template", target: "title" } });
    expect(locateIssue(structure, ["reviewIntervalDays"])).toEqual({
      label: null,
      focus: { key: "template", target: "interval" },
    });
    expect(locateIssue(structure, ["sections"])).toEqual({ label: null, focus: null });
    expect(locateIssue(structure, ["sections", 7, "title"])).toEqual({ label: null, focus: null });
  });
});
