// Issue #15, points 3, 4, 5, 7 and 8: runbooks by structure, tables of checks, front matter
// and titles, headings read as labels, sibling titles kept apart. Fixtures in our own words.
import { describe, expect, it } from "vitest";
import { parseOk } from "@/test/markdown-helpers";
import { headingLabel } from "./classify";
import { exportTemplateMarkdown } from "./export";
import { parseTemplateMarkdown } from "./parse";
import { toImportJson } from "./summary";

const brief = (md: string) =>
  parseOk(md).template.sections.map((s) => [s.title, s.kind, s.priority, s.cadence, s.items.length]);

function roundTrip(md: string) {
  const { template } = parseOk(md);
  const back = parseOk(exportTemplateMarkdown(template)).template;
  expect(toImportJson(back)).toEqual(toImportJson(template));
  expect(back.metadata).toEqual(template.metadata);
}

describe("runbooks by structure (point 3)", () => {
  it("makes a numbered list with no boxes a procedure whatever the heading says, in any language", () => {
    const md = [
      "# Störungsbehebung",
      "## Wenn der Dienst ausfällt",
      "1. Den Bereitschaftsdienst anrufen.\n2. Den Verkehr auf die Reserve umleiten.\n3. Den Kunden Bescheid geben.",
      "## 障害が起きたとき",
      "1. 当番に連絡する。\n2. 状況をチャンネルに書く。",
      "## Roles",
      "1. The lead decides.\n2. The scribe writes.",
    ].join("\n\n");
    expect(brief(md)).toEqual([
      ["Wenn der Dienst ausfällt", "PROCEDURE", null, null, 3],
      ["障害が起きたとき", "PROCEDURE", null, null, 2],
      ["Roles", "PROCEDURE", null, null, 2],
    ]);
    roundTrip(md);
  });

  it("lets a procedure word in the heading or a parent decide when the steps share the section with prose", () => {
    const prose = "Read all of this first: the order matters, and skipping a step has hurt us before.";
    const md = [
      "# Ops",
      "## Playbooks",
      "### Failover",
      prose,
      "- background point",
      "1. Promote the replica.\n2. Point the app at it.",
      "## Background",
      prose,
      "- background point",
      "1. an aside",
    ].join("\n\n");
    expect(brief(md)).toEqual([
      ["Failover", "PROCEDURE", null, null, 2],
      ["Background", "REFERENCE", null, null, 0],
    ]);
  });

  it("never lets words override boxes", () => {
    const md = "# T\n\n## Incident drills\n\n1. Warm up\n\n- [ ] Pager rota is set\n- [ ] Drill is booked\n";
    const { template, why } = parseTemplateMarkdown(md) as Extract<
      ReturnType<typeof parseTemplateMarkdown>,
      { ok: true }
    >;
    expect(template.sections[0]).toMatchObject({ kind: "PRE_DEPLOYMENT", content: "1. Warm up" });
    expect(why?.[0]).toContain("boxes, so not a procedure");
  });
});

describe("tables of checks (point 4)", () => {
  const md = [
    "# Go-live",
    "## Storage",
    "| ✓ | Check | Why it matters | Owner |",
    "| - | ----- | -------------- | ----- |",
    "| ✅ | Snapshots run nightly | A bad migration can be undone | `ops` |",
    "| | Disk alerts at 80 % | Full disks stop writes | |",
  ].join("\n");

  it("makes each row an item named by its first text column, the other cells its details", () => {
    const [storage] = parseOk(md).template.sections;
    expect(storage).toMatchObject({
      title: "Storage",
      kind: "PRE_DEPLOYMENT",
      items: [
        {
          text: "Snapshots run nightly",
          details: "**✓**: ✅\n\n**Why it matters**: A bad migration can be undone\n\n**Owner**: `ops`",
          children: [],
        },
        { text: "Disk alerts at 80 %", details: "**Why it matters**: Full disks stop writes", children: [] },
      ],
      content: null,
    });
  });
});

describe("front matter and titles (point 5)", () => {
  it("takes the title from front matter and keeps the rest as metadata, exported back", () => {
    const md =
      "---\ntitle: Weekend release\nowner: platform team\ntags:\n  - release\n  - web\n---\n\n## Before\n\n- [ ] Freeze merges\n";
    const { template } = parseOk(md);
    expect(template.title).toBe("Weekend release");
    expect(template.metadata).toEqual({ owner: "platform team", tags: "  - release\n  - web" });
    expect(template.sections.map((s) => s.title)).toEqual(["Before"]);
    const exported = exportTemplateMarkdown(template);
    expect(
      exported.startsWith("---\nowner: platform team\ntags:\n  - release\n  - web\n---\n# Weekend release\n"),
    ).toBe(true);
    roundTrip(md);
  });

  it("accepts a GitHub issue template: name is the title, boxes before any heading a leading section", () => {
    const md =
      "---\nname: Hotfix\nabout: Ship a fix outside the train.\ntitle: '[HOTFIX] '\nlabels: urgent\n---\n\n- [ ] Branch from the tag\n- [ ] Tag the fix\n";
    const { template } = parseOk(md);
    expect(template.title).toBe("Hotfix");
    expect(template.metadata).toEqual({ about: "Ship a fix outside the train.", title: "[HOTFIX] ", labels: "urgent" });
    expect(template.sections).toEqual([
      {
        title: "Hotfix",
        kind: "PRE_DEPLOYMENT",
        priority: null,
        cadence: null,
        items: [
          { text: "Branch from the tag", children: [] },
          { text: "Tag the fix", children: [] },
        ],
        content: null,
      },
    ]);
    roundTrip(md);
  });

  it("without an H1 or front matter takes the caller's title (the file name), else leaves it empty to ask", () => {
    const md = "- [ ] Read the notes\n\n## Ship\n\n- [ ] Press the button\n";
    const named = parseTemplateMarkdown(md, { fallbackTitle: "weekly-ship" });
    expect(named.ok && named.template.title).toBe("weekly-ship");
    expect(named.ok && named.template.sections.map((s) => [s.title, s.items.map((i) => i.text)])).toEqual([
      ["weekly-ship", ["Read the notes"]],
      ["Ship", ["Press the button"]],
    ]);
    const untitled = parseOk(md).template;
    expect([untitled.title, untitled.sections[0]?.title]).toEqual(["", ""]);
  });
});

describe("headings are labels (point 7)", () => {
  it.each([
    ["🔴 CRITICAL - Must Complete", "critical"],
    ["HIGH PRIORITY - Strongly Recommended", "high priority"],
    ["Recommended: nice to have", "recommended"],
    ["Regular Maintenance (Ongoing)", "regular maintenance ongoing"],
    ["[CRITICAL] Secrets", "secrets"],
  ])("reads “%s” as the label “%s”", (text, label) => {
    expect(headingLabel(text)).toBe(label);
  });

  it("counts a priority or cadence only as the whole label or a bracketed tag", () => {
    const md = [
      "# T",
      "## High Availability\n\n- [ ] a",
      "## Critical path timing\n\n- [ ] b",
      "## 🟠 High – before launch\n\n- [ ] c",
      "## Priority: critical\n\n- [ ] d",
      "## Priority: later\n\n- [ ] d2",
      "## Secrets [CRITICAL]\n\n- [ ] e",
      "## Weekly\n\n- [ ] f",
      "## Weekly digest wording\n\n- [ ] g",
      "## Post-launch watch\n\n- [ ] h",
      "## Verification\n\n- [ ] i",
      "## Verification of inputs\n\n- [ ] j",
    ].join("\n\n");
    expect(brief(md)).toEqual([
      ["High Availability", "PRE_DEPLOYMENT", null, null, 1],
      ["Critical path timing", "PRE_DEPLOYMENT", null, null, 1],
      ["🟠 High – before launch", "PRE_DEPLOYMENT", "HIGH", null, 1],
      // The one label that names its priority after the colon.
      ["Priority: critical", "PRE_DEPLOYMENT", "CRITICAL", null, 1],
      ["Priority: later", "PRE_DEPLOYMENT", null, null, 1],
      ["Secrets [CRITICAL]", "PRE_DEPLOYMENT", "CRITICAL", null, 1],
      ["Weekly", "MAINTENANCE", null, "WEEKLY", 1],
      ["Weekly digest wording", "PRE_DEPLOYMENT", null, null, 1],
      ["Post-launch watch", "POST_DEPLOYMENT", null, null, 1],
      ["Verification", "POST_DEPLOYMENT", null, null, 1],
      ["Verification of inputs", "PRE_DEPLOYMENT", null, null, 1],
    ]);
    roundTrip(md);
  });

  it("says why each section got its kind and priority", () => {
    const result = parseTemplateMarkdown(
      "# T\n\n## Go-live\n\n### 🔴 CRITICAL - Must Complete\n\n- [ ] a\n\n## Restore\n\n1. b\n",
    );
    expect(result.ok && result.why).toEqual([
      "Pre-deployment: the default for boxes; priority Critical from heading “🔴 CRITICAL - Must Complete”.",
      "Procedure: numbered steps and no boxes; no priority (no heading's label is one).",
    ]);
  });
});

describe("sections stay apart (point 8)", () => {
  it("gives colliding sibling titles their parent heading, and keeps inline code", () => {
    const md = [
      "# Site",
      "## Fonts\n\n### Good habits\n\n- [ ] Subset the fonts",
      "## Scripts\n\n### Good habits\n\n- [ ] Defer the scripts",
      "### Bundling `vendor.js`\n\n- [ ] Split it",
    ].join("\n\n");
    expect(parseOk(md).template.sections.map((s) => s.title)).toEqual([
      "Fonts › Good habits",
      "Scripts › Good habits",
      "Bundling `vendor.js`",
    ]);
    roundTrip(md);
  });
});
