// The product's acceptance figures for the seed checklist.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake";
import { countLeaves } from "./summary";
import { parseOk, readSeed, SEED_FIXTURE, SEED_SHA256 } from "@/test/markdown-helpers";
import type { ParsedSection } from "./types";

const { template, warnings } = parseOk(readSeed());
const leaves = (pick: (s: ParsedSection) => boolean) => template.sections.filter(pick).map((s) => countLeaves(s.items));

describe("seed: production-security-checklist.md", () => {
  it("is kept byte for byte, mojibake and all", () => {
    expect(createHash("sha256").update(readFileSync(SEED_FIXTURE)).digest("hex")).toBe(SEED_SHA256);
  });

  it("reads title and review interval", () => {
    expect(template.title).toBe("Production Security Checklist");
    expect(template.reviewIntervalDays).toBe(90);
  });

  it("has 27 / 23 / 23 critical / high / recommended pre-deployment items", () => {
    const pre = (p: string) => leaves((s) => s.kind === "PRE_DEPLOYMENT" && s.priority === p);
    expect(pre("CRITICAL")).toEqual([27]);
    expect(pre("HIGH")).toEqual([23]);
    expect(pre("RECOMMENDED")).toEqual([23]);
  });

  it("has 18 post-deployment items", () => {
    expect(leaves((s) => s.kind === "POST_DEPLOYMENT")).toEqual([18]);
  });

  it("has weekly 3, monthly 4, quarterly 5 maintenance tasks", () => {
    const maintenance = template.sections.filter((s) => s.kind === "MAINTENANCE");
    expect(maintenance.map((s) => [s.cadence, countLeaves(s.items)])).toEqual([
      ["WEEKLY", 3],
      ["MONTHLY", 4],
      ["QUARTERLY", 5],
    ]);
  });

  it("has two procedures with 7 and 5 steps", () => {
    const procedures = template.sections.filter((s) => s.kind === "PROCEDURE");
    expect(procedures.map((s) => [s.title, s.items.length])).toEqual([
      ["Security Incident Response", 7],
      ["Data Breach", 5],
    ]);
    expect(procedures[0]?.items[0]).toEqual({ text: "Isolate affected systems", children: [] });
  });

  it("shows the intended emoji and no mojibake anywhere", () => {
    const titles = template.sections.map((s) => s.title);
    expect(titles).toContain("🔴 CRITICAL - Must Complete");
    expect(titles).toContain("🟡 HIGH PRIORITY - Strongly Recommended");
    expect(titles).toContain("🟢 RECOMMENDED - Best Practices");
    const everything = JSON.stringify(template);
    expect(everything).not.toMatch(/[ðÃâ]/);
    expect(repairMojibake(everything).repaired).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/^Repaired 3 garbled/)]);
  });

  it("keeps item Markdown and nesting, without the checkbox", () => {
    const critical = template.sections.find((s) => s.priority === "CRITICAL");
    expect(critical?.items[0]?.text).toBe("**Environment Configuration**");
    expect(critical?.items[0]?.children[0]).toEqual({ text: "Set `APP_ENV=production` in `.env`", children: [] });
    const high = template.sections.find((s) => s.priority === "HIGH");
    expect(high?.items[3]?.text).toBe("**File Upload Security** (if enabled)");
  });

  it("keeps everything that is not an item as REFERENCE content", () => {
    const refs = template.sections.filter((s) => s.kind === "REFERENCE");
    expect(refs.map((s) => s.title)).toEqual([
      "Production Security Checklist",
      "GDPR (EU)",
      "CCPA (California)",
      "HIPAA (Healthcare - if applicable)",
      "Resources",
    ]);
    expect(refs[0]?.content).toBe(
      "Use this checklist before deploying to production. **All items marked as CRITICAL must be completed.**",
    );
    expect(refs[1]?.content).toContain("- Appoint DPO (if required)");
    expect(refs[4]?.content).toContain("- [OWASP Top 10](https://owasp.org/www-project-top-ten/)");
    expect(refs[4]?.content).toContain("---\n\n**Last Updated:** [Current Date]");
    expect(refs[4]?.content).toMatch(/\*\*Next Review:\*\* \[Date \+ 90 days\]$/);
    expect(refs.every((s) => s.items.length === 0 && s.priority === null && s.cadence === null)).toBe(true);
  });

  it("does not emit sections for parent headings with nothing of their own", () => {
    const titles = template.sections.map((s) => s.title);
    expect(titles).not.toContain("Pre-Deployment Checklist");
    expect(titles).not.toContain("Regular Maintenance (Ongoing)");
    expect(titles).not.toContain("Emergency Procedures");
    expect(template.sections).toHaveLength(14);
  });

  it("gives identical output for CRLF and CR line endings", () => {
    const text = new TextDecoder().decode(readSeed());
    const crlf = new TextEncoder().encode(text.replace(/\n/g, "\r\n"));
    expect(parseOk(crlf)).toEqual({ template, warnings });
    expect(parseOk(text.replace(/\n/g, "\r"))).toEqual({ template, warnings });
  });

  it("reads a string the same as bytes", () => {
    expect(parseOk(new TextDecoder().decode(readSeed()))).toEqual({ template, warnings });
  });
});
