// The import conventions one at a time, on small documents.
import { describe, expect, it } from "vitest";
import { parseOk } from "@/test/markdown-helpers";
import type { ParsedItem } from "./types";

const leaf = (text: string): ParsedItem => ({ text, children: [] });
const sections = (md: string) => parseOk(md).template.sections;
const only = (md: string) => {
  const all = sections(md);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe("title", () => {
  it("takes a setext H1", () => {
    const { template } = parseOk("Release Runbook\n===============\n\n## Deploy\n\n- [ ] ship\n");
    expect(template.title).toBe("Release Runbook");
    // The title names the template and does not make its sections procedures.
    expect(template.sections).toEqual([
      { title: "Deploy", kind: "PRE_DEPLOYMENT", priority: null, cadence: null, items: [leaf("ship")], content: null },
    ]);
  });

  it("without an H1 leaves the title to the caller and keeps every heading a section", () => {
    const { template } = parseOk("## Launch checklist\n\n- [ ] a\n\n## Later\n\n- [ ] b\n");
    expect(template.title).toBe("");
    expect(template.sections.map((s) => s.title)).toEqual(["Launch checklist", "Later"]);
  });

  it("keeps text before and under the H1 as one REFERENCE section named after it", () => {
    const all = sections("Intro line.\n\n# Title\n\nMore intro.\n\n## A\n\n- [ ] a\n");
    expect(all[0]).toMatchObject({ title: "Title", kind: "REFERENCE", content: "Intro line.\n\nMore intro." });
  });
});

describe("items", () => {
  it("accepts -, * and + task bullets", () => {
    expect(only("# T\n\n## S\n\n- [ ] dash\n\n* [ ] star\n\n+ [ ] plus\n").items).toEqual([
      leaf("dash"),
      leaf("star"),
      leaf("plus"),
    ]);
  });

  it("imports [x] and [X] unticked, with a warning", () => {
    const { template, warnings } = parseOk("# T\n\n- [x] done\n- [X] also\n- [ ] open\n");
    expect(template.sections[0]?.items).toEqual([leaf("done"), leaf("also"), leaf("open")]);
    expect(warnings).toContain("2 ticked item(s) ([x]) were imported unticked.");
  });

  it("nests to any depth", () => {
    const md = "# T\n\n- [ ] one\n  - [ ] two\n    - [ ] three\n      - [ ] four\n      - [ ] four b\n- [ ] next\n";
    expect(only(md).items).toEqual([
      {
        text: "one",
        children: [{ text: "two", children: [{ text: "three", children: [leaf("four"), leaf("four b")] }] }],
      },
      leaf("next"),
    ]);
  });

  it("makes plain bullets under or beside a box that box's details; a bullet around boxes stays a group", () => {
    const md = "# T\n\n- [ ] task\n  - plain note\n- plain sibling\n\n## G\n\n- Group\n  - [ ] inner\n";
    const [a, b] = sections(md);
    expect(a?.items).toEqual([{ text: "task", details: "- plain note\n\n- plain sibling", children: [] }]);
    expect(b?.items).toEqual([{ text: "Group", children: [leaf("inner")] }]);
  });

  it("keeps inline Markdown, joins wrapped lines, trims", () => {
    const md = "# T\n\n- [ ]   **Bold** `code` [link](https://x.y)\n  continued  \n  here\n";
    expect(only(md).items).toEqual([leaf("**Bold** `code` [link](https://x.y) continued here")]);
  });

  it("keeps blocks inside items as the item's details, never dropping them", () => {
    const md = "# T\n\n- [ ] run\n\n  ```sh\n  make deploy\n  ```\n";
    const { template, warnings } = parseOk(md);
    expect(template.sections[0]).toMatchObject({
      items: [{ text: "run", details: "```sh\nmake deploy\n```", children: [] }],
      content: null,
    });
    expect(warnings).toEqual([]);
  });

  it("skips empty task markers but keeps their sub-items", () => {
    const { template, warnings } = parseOk("# T\n\n- [ ] a\n- [ ]\n-\n  - [ ] lifted\n");
    expect(template.sections[0]).toMatchObject({ items: [leaf("a"), leaf("lifted")], content: null });
    expect(warnings).toEqual(["Skipped 1 empty list item(s)."]);
  });
});

describe("classification", () => {
  it("inherits kind and priority from ancestors; first priority word wins", () => {
    const md = [
      "# T",
      "## Pre-Deployment",
      "### 🔴 critical - must",
      "#### Secrets",
      "- [ ] a",
      "### HIGH PRIORITY - Strongly Recommended",
      "- [ ] b",
      "### 🟢 Recommended",
      "- [ ] c",
      "## Post-launch",
      "### Smoke",
      "- [ ] d",
      "## Verification",
      "- [ ] e",
    ].join("\n\n");
    expect(sections(md).map((s) => [s.title, s.kind, s.priority])).toEqual([
      ["Secrets", "PRE_DEPLOYMENT", "CRITICAL"],
      ["HIGH PRIORITY - Strongly Recommended", "PRE_DEPLOYMENT", "HIGH"],
      ["🟢 Recommended", "PRE_DEPLOYMENT", "RECOMMENDED"],
      ["Smoke", "POST_DEPLOYMENT", null],
      ["Verification", "POST_DEPLOYMENT", null],
    ]);
  });

  it("reads cadences, including Annual and Yearly", () => {
    const md = [
      "# T",
      "## Maintenance",
      "### Daily",
      "- [ ] a",
      "### Annual review",
      "- [ ] b",
      "## Yearly",
      "- [ ] c",
      "## Weekly checks",
      "### Backups",
      "- [ ] d",
    ].join("\n\n");
    expect(sections(md).map((s) => [s.title, s.kind, s.cadence])).toEqual([
      ["Daily", "MAINTENANCE", "DAILY"],
      ["Annual review", "MAINTENANCE", "ANNUALLY"],
      ["Yearly", "MAINTENANCE", "ANNUALLY"],
      ["Backups", "MAINTENANCE", "WEEKLY"],
    ]);
  });

  it("makes numbered lists steps, sub-bullets their details; prose with a numbered aside stays content", () => {
    const prose = "Some background that goes on for a while, longer than the list beside it.";
    const md = `# T\n\n## Runbooks\n\n### Rollback\n\n1. Stop traffic\n   - drain the queue\n2. Restore\n\n## Setup notes\n\n${prose}\n\n- a bullet\n\n1. not a step\n`;
    const [rollback, notes] = sections(md);
    expect(rollback).toMatchObject({
      title: "Rollback",
      kind: "PROCEDURE",
      items: [{ text: "Stop traffic", details: "- drain the queue", children: [] }, leaf("Restore")],
    });
    expect(notes).toMatchObject({ kind: "REFERENCE", items: [], content: `${prose}\n\n- a bullet\n\n1. not a step` });
  });

  it("gives a parent heading its own section only when it has its own items or content", () => {
    const md = "# T\n\n## Emergency\n\nCall the on-call first.\n\n### Outage\n\n1. Page\n";
    expect(sections(md).map((s) => [s.title, s.kind, s.content])).toEqual([
      ["Emergency", "REFERENCE", "Call the on-call first."],
      ["Outage", "PROCEDURE", null],
    ]);
  });

  it("keeps tables beside boxes, paragraphs and links as content, verbatim", () => {
    const table = "| Port | Use |\n| ---- | --- |\n| 443  | TLS |";
    const md = `# T\n\n## Ports\n\nOpen only these:\n\n${table}\n\nSee [docs](https://x.y).\n\n- [ ] a\n`;
    expect(sections(md)[0]).toEqual({
      title: "Ports",
      kind: "PRE_DEPLOYMENT",
      priority: null,
      cadence: null,
      items: [leaf("a")],
      content: `Open only these:\n\n${table}\n\nSee [docs](https://x.y).`,
    });
  });

  it("warns about leaf headings with nothing under them", () => {
    const { template, warnings } = parseOk("# T\n\n## Empty\n\n## Full\n\n- [ ] a\n");
    expect(template.sections.map((s) => s.title)).toEqual(["Full"]);
    expect(warnings).toContain("Heading “Empty” has nothing under it; skipped.");
  });

  it("reads an exporter tag literally and strips it from the title", () => {
    const md =
      "# T\n\n## Data Breach [Procedure, Critical]\n\n1. Contain\n\n## Verification of config [Pre-deployment]\n\n- [ ] a\n\n## Notes [draft]\n\n- [ ] b\n";
    expect(sections(md).map((s) => [s.title, s.kind, s.priority])).toEqual([
      ["Data Breach", "PROCEDURE", "CRITICAL"],
      ["Verification of config", "PRE_DEPLOYMENT", null],
      ["Notes [draft]", "PRE_DEPLOYMENT", null],
    ]);
  });
});

describe("review interval", () => {
  it.each([
    ["Next Review: Date + 30 days", 30],
    ["**Next Review:** [Date + 60 days]", 60],
    ["Nothing about reviews.", 90],
  ])("%s → %i days, footer kept as content", (footer, days) => {
    const { template } = parseOk(`# T\n\n- [ ] a\n\n---\n\n${footer}\n`);
    expect(template.reviewIntervalDays).toBe(days);
    expect(template.sections[0]?.content).toBe(`---\n\n${footer}`);
  });

  it("reads the export's own footer as the interval only, so an export reads back as it was", () => {
    const { template } = parseOk(`# T\n\n- [ ] a\n\nBefore.\n\n---\n\n**Next Review**: Date + 45 days\n`);
    expect(template.reviewIntervalDays).toBe(45);
    expect(template.sections[0]?.content).toBe("Before.");
    // Only at the end of the file: the same words elsewhere are text.
    const middle = parseOk(`# T\n\n## A\n\n- [ ] a\n\n**Next Review**: Date + 45 days\n\n## B\n\n- [ ] b\n`).template;
    expect(middle.sections[0]?.content).toBe("**Next Review**: Date + 45 days");
  });

  it("uses the last stated interval and warns about the conflict", () => {
    const { template, warnings } = parseOk(
      "# T\n\nNext review: Date + 7 days\n\n- [ ] a\n\nNext Review: Date + 14 days\n",
    );
    expect(template.reviewIntervalDays).toBe(14);
    expect(warnings).toContain("The file states several review intervals (7, 14 days); using 14.");
  });
});
