import { describe, expect, it } from "vitest";
import { countLeaves, formatSummary, summarizeTemplate, toImportJson } from "./summary";
import { parseOk, readSeed } from "@/test/markdown-helpers";

const seed = parseOk(readSeed()).template;

describe("summary", () => {
  it("counts leaf items per section", () => {
    const summary = summarizeTemplate(seed);
    expect(summary.sections.map((s) => s.leafItems)).toEqual([0, 27, 23, 23, 18, 3, 4, 5, 7, 5, 0, 0, 0, 0]);
    expect(summary.totalLeafItems).toBe(115);
    expect(
      countLeaves([
        {
          text: "a",
          children: [
            { text: "b", children: [] },
            { text: "c", children: [] },
          ],
        },
      ]),
    ).toBe(2);
  });

  it("formats a readable CLI block", () => {
    const text = formatSummary(summarizeTemplate(seed));
    expect(text.split("\n")[0]).toBe("Production Security Checklist (review every 90 days)");
    expect(text).toMatch(/PRE_DEPLOYMENT +CRITICAL +27 +🔴 CRITICAL - Must Complete/);
    expect(text).toMatch(/MAINTENANCE +WEEKLY +3 +Weekly/);
    expect(text.split("\n").at(-1)).toBe("  14 sections, 115 items");
  });

  it("produces the import JSON with everything an import stores, in a fixed key order", () => {
    const json = toImportJson(seed);
    expect(Object.keys(json)).toEqual(["title", "reviewIntervalDays", "sections", "metadata"]);
    expect(Object.keys(json.sections[0]!)).toEqual(["title", "kind", "priority", "cadence", "content", "items"]);
    // Reference text travels as Markdown: the seed's intro and its Resources links.
    expect(json.sections[0]?.content).toContain("**All items marked as CRITICAL must be completed.**");
    expect(json.sections.at(-1)?.content).toContain("- [OWASP Top 10](https://owasp.org/www-project-top-ten/)");
    expect(json.metadata).toEqual({});
    expect(json.sections[8]).toMatchObject({ title: "Security Incident Response", kind: "PROCEDURE" });
    expect(json.sections[1]?.items[0]?.children[0]).toEqual({
      text: "Set `APP_ENV=production` in `.env`",
      details: null,
      children: [],
    });
    expect(Object.keys(json.sections[1]!.items[0]!)).toEqual(["text", "details", "children"]);
  });
});
