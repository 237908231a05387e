// Each limit of the stored structure, refused in words: what was found, where, what to do.
import { describe, expect, it } from "vitest";
import { checkStructure } from "./import-limits";
import { parseOk } from "@/test/markdown-helpers";

function refusal(markdown: string): string {
  const checked = checkStructure(parseOk(markdown).template, markdown);
  if (checked.ok) throw new Error("expected a refusal");
  return checked.error;
}

const sections = (count: number) =>
  `# Many areas\n\n${Array.from({ length: count }, (_, i) => `## Area ${i + 1}\n\n- [ ] check ${i + 1}\n`).join("\n")}`;

describe("checkStructure", () => {
  it("accepts 200 sections and refuses 201, naming the count, the first one too many and its line", () => {
    expect(checkStructure(parseOk(sections(200)).template, sections(200)).ok).toBe(true);
    const text = sections(201);
    const line = text.split("\n").indexOf("## Area 201") + 1;
    expect(refusal(text)).toBe(
      `The file has 201 sections (each heading with content starts one); section 201 is “Area 201” (line ${line}); ` +
        "a template holds at most 200. Merge small sections under fewer headings, or split the file into two templates.",
    );
  });

  it("refuses an item over 2,000 characters, naming it, its line, its section and its length", () => {
    const long = `Confirm the rollback plan ${"and every step of it ".repeat(100)}`.trim();
    const text = `# Launch\n\n## Before launch\n\n- [ ] short one\n- [ ] ${long}\n`;
    expect(refusal(text)).toBe(
      `The item “${long.slice(0, 57)}…” (line 6) in section “Before launch” (line 3) ` +
        `has ${long.length.toLocaleString("en-US")} characters; an item holds at most 2,000. ` +
        "Shorten it, and put the longer explanation in the text under the list.",
    );
  });

  it("accepts an item of exactly 2,000 characters", () => {
    const text = `# Launch\n\n## Before\n\n- [ ] ${"x".repeat(2000)}\n`;
    expect(checkStructure(parseOk(text).template, text).ok).toBe(true);
  });

  it("refuses more than 2,000 items in one section, naming the section", () => {
    const text = `# Inventory\n\n## Hosts\n\n${Array.from({ length: 2001 }, (_, i) => `- [ ] host ${i}`).join("\n")}\n`;
    expect(refusal(text)).toBe(
      "The section “Hosts” (line 3) has 2,001 items; a section holds at most 2,000. Split it with more headings.",
    );
  });

  it("refuses a section title over 200 characters", () => {
    const heading = `Checks ${"long ".repeat(50)}`.trim();
    const text = `# T\n\n## ${heading}\n\n- [ ] one\n`;
    expect(refusal(text)).toBe(
      `The heading of section “${heading.slice(0, 57)}…” (line 3) is ${heading.length} characters long; ` +
        "a section title holds at most 200. Shorten it.",
    );
  });

  it("never answers with zod's wording", () => {
    expect(refusal(sections(201))).not.toMatch(/Too big|expected array/);
  });
});
