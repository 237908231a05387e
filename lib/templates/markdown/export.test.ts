import { describe, expect, it } from "vitest";
import { exportTemplateMarkdown } from "./export";
import { toImportJson } from "./summary";
import { parseOk, readSeed } from "@/test/markdown-helpers";
import type { ParsedItem, ParsedTemplate } from "./types";

const leaf = (text: string): ParsedItem => ({ text, children: [] });

function roundTrip(t: ParsedTemplate): { markdown: string; back: ParsedTemplate } {
  const markdown = exportTemplateMarkdown(t);
  return { markdown, back: parseOk(markdown).template };
}

describe("exportTemplateMarkdown", () => {
  const seed = parseOk(readSeed()).template;

  it("round-trips the seed: same titles, kinds, priorities, cadences, items, interval and content", () => {
    const { back } = roundTrip(seed);
    expect(toImportJson(back)).toEqual(toImportJson(seed));
    expect(back.sections.map((s) => s.content)).toEqual(seed.sections.map((s) => s.content));
  });

  it("is stable: exporting the re-imported seed gives the same Markdown", () => {
    const { markdown, back } = roundTrip(seed);
    expect(exportTemplateMarkdown(back)).toBe(markdown);
  });

  it("writes flat H2 sections, task lists, numbered steps and a tag only where words fall short", () => {
    const { markdown } = roundTrip(seed);
    // The text under the H1 goes back under it, not into a section named after the title.
    expect(markdown.startsWith("# Production Security Checklist\n\n")).toBe(true);
    expect(markdown).not.toContain("## Production Security Checklist");
    expect(markdown).not.toMatch(/^###/m);
    expect(markdown).toContain(
      "## 🔴 CRITICAL - Must Complete\n\n- [ ] **Environment Configuration**\n  - [ ] Set `APP_ENV=production` in `.env`\n",
    );
    expect(markdown).toContain("## Security Incident Response\n\n1. Isolate affected systems\n");
    expect(markdown).toContain("## Data Breach\n\n1. Activate incident response plan\n");
    // The seed's own footer travels as content, so no second one is added.
    expect(markdown.match(/Next Review/g)).toHaveLength(1);
  });

  it("round-trips awkward templates exactly", () => {
    const t: ParsedTemplate = {
      title: "Ops *runbook* #1",
      reviewIntervalDays: 30,
      sections: [
        {
          title: "Verification of config",
          kind: "PRE_DEPLOYMENT",
          priority: "HIGH",
          cadence: null,
          items: [leaf("check")],
          content: null,
        },
        {
          title: "High availability",
          kind: "PRE_DEPLOYMENT",
          priority: null,
          cadence: null,
          items: [leaf("replicas")],
          content: "Read first:\n\n- plain bullet",
        },
        {
          title: "Backups",
          kind: "MAINTENANCE",
          priority: "CRITICAL",
          cadence: "DAILY",
          items: [leaf("verify")],
          content: null,
        },
        { title: "Cleanup", kind: "MAINTENANCE", priority: null, cadence: null, items: [leaf("prune")], content: null },
        { title: "Not started", kind: "POST_DEPLOYMENT", priority: null, cadence: null, items: [], content: null },
        { title: "Empty notes", kind: "REFERENCE", priority: null, cadence: null, items: [], content: null },
        {
          title: "Notes [draft]",
          kind: "REFERENCE",
          priority: null,
          cadence: null,
          items: [],
          content: "1. numbered\n2. reference",
        },
        {
          title: "Failover",
          kind: "PROCEDURE",
          priority: null,
          cadence: null,
          items: Array.from({ length: 11 }, (_, i) => ({
            text: `step ${i + 1}`,
            children: i === 9 ? [{ text: "sub", children: [leaf("deeper")] }] : [],
          })),
          content: null,
        },
        {
          title: "Deep",
          kind: "PRE_DEPLOYMENT",
          priority: null,
          cadence: null,
          items: [{ text: "a", children: [{ text: "b", children: [{ text: "c", children: [leaf("d")] }] }] }],
          content: null,
        },
      ],
    };
    const { markdown, back } = roundTrip(t);
    expect(toImportJson(back)).toEqual(toImportJson(t));
    // Content survives too; the added footer is read as the interval, not as text.
    expect(back.sections.map((s) => s.content)).toEqual(t.sections.map((s) => s.content));
    expect(markdown).toContain("## Failover [Procedure]\n\n1. step 1\n");
    expect(markdown).toContain("10. step 10\n    - [ ] sub\n      - [ ] deeper\n11. step 11");
    expect(markdown).toContain("- plain bullet\n\n* [ ] replicas"); // a different bullet keeps the lists apart
    expect(markdown.trimEnd().endsWith("**Next Review**: Date + 30 days")).toBe(true);
  });
});
