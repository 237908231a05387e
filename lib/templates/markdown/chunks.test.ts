// Piecewise parsing must give exactly the tree of a whole parse, positions included.
import { describe, expect, it } from "vitest";
import { splitPoints } from "./chunks";
import { parseMarkdown, parseWhole } from "./mdast";
import { parseError, parseOk, readSeed } from "@/test/markdown-helpers";

const seed = new TextDecoder().decode(readSeed());
const lines = (...l: string[]) => l.join("\n");

/** Cuts at every safe heading (no minimum piece size) and compares with one whole parse. */
function expectSameTree(text: string) {
  const split = splitPoints(text, 0);
  expect(parseMarkdown(text, split)).toEqual(parseWhole(text));
  return split.starts.map((at) => text.slice(at, text.indexOf("\n", at)));
}

describe("splitPoints / parseMarkdown", () => {
  it("cuts the seed before its headings and rebuilds the same tree", () => {
    const cutAt = expectSameTree(seed);
    expect(cutAt).toContain("### Weekly");
    expect(cutAt).not.toContain("# Production Security Checklist"); // never at offset 0
    // With the default minimum piece size, a few seeds' worth of text is cut between copies.
    expect(splitPoints(seed.repeat(3)).starts.length).toBeGreaterThan(3);
  });

  it("never cuts inside fenced code, whatever the fence", () => {
    const text = lines(
      "# T",
      "",
      "```sh",
      "",
      "# not a heading",
      "```",
      "",
      "## A",
      "",
      "~~~~",
      "```",
      "",
      "# still code",
      "~~~~",
      "",
      "## B",
      "",
      "```js`",
      "",
      "# heading: backticks in the info string make that a paragraph",
      "",
      "## C",
      "",
    );
    expect(expectSameTree(text)).toEqual([
      "## A",
      "## B",
      "# heading: backticks in the info string make that a paragraph",
      "## C",
    ]);
  });

  it("tracks fences and HTML comments inside list items and at the top level", () => {
    const text = lines(
      "# T",
      "",
      "- [ ] run",
      "",
      "  ```",
      "",
      "  # code in an item",
      "  ```",
      "",
      "## A",
      "",
      "<!--",
      "",
      "# hidden in a comment",
      "-->",
      "",
      "## B",
      "",
      "<!-- one line -->",
      "",
      "## C",
      "",
    );
    expect(expectSameTree(text)).toEqual(["## A", "## B", "## C"]);
  });

  it.each([
    [
      "an indented fence that may be top-level",
      lines("# T", "", "- a", "", " ```", "", "x", "", "# H", "```", "", "## Z", ""),
    ],
    [
      "an indented HTML block (it may belong to a list item)",
      lines("# T", "", " <div>", "```", "</div>", "", "```", "", "# code", "```", "", "## Z", ""),
    ],
    [
      "an inline tag that may be paragraph text",
      lines("# T", "", "<span>", "```", "", "# code", "```", "", "## Z", ""),
    ],
    ["a link reference definition", lines("# T", "", "## See [docs][d]", "", "[d]: https://x.y", "", "## Z", "")],
  ])("stops cutting at %s", (_name, text) => {
    expect(expectSameTree(text)).toEqual([]);
  });

  it("reads an unindented block tag (<details>, <div>) as an HTML block ending at a blank line", () => {
    const text = lines(
      "# T",
      "",
      "<details><summary>How to use</summary>",
      "```",
      "# not code: the fence is HTML text",
      "",
      "```",
      "",
      "# code",
      "```",
      "",
      "</details>",
      "",
      "## Z",
      "",
    );
    expect(expectSameTree(text)).toEqual(["## Z"]);
  });

  it("keeps setext headings, quotes and tables intact", () => {
    const text = lines(
      "Title",
      "=====",
      "",
      "> quote",
      "> # quoted heading",
      "",
      "## A",
      "",
      "| a | b |",
      "| - | - |",
      "| 1 | 2 |",
      "",
      "## B",
      "",
      "para",
      "---",
      "",
      "# C",
      "",
    );
    expect(expectSameTree(text)).toEqual(["## A", "## B", "# C"]);
  });

  it("counts list items and quotes, overall and per piece", () => {
    const text = lines("# T", "", "- a", "  - b", "1. c", "> q", "> q", "", "## A", "", "* d", "");
    expect(splitPoints(text, 0)).toEqual({
      starts: [text.indexOf("## A")],
      containers: 5,
      largestPieceContainers: 4,
      overLimitLine: null,
    });
  });
});

describe("parse-time bounds", () => {
  it("refuses more list items and quotes than it can parse quickly, naming the line past the limit", () => {
    const sections = Array.from({ length: 6 }, (_, i) => `## S${i}\n\n${"- [ ] a\n".repeat(900)}`).join("\n");
    // Section S5 starts on line 3 + 5 × 903; its 501st item is the 5,001st.
    expect(parseError(`# T\n\n${sections}`)).toBe(
      "The file has too many list items and quotes: 5,400, at most 5,000 (number 5,001 is on line 5020). Split it into several templates.",
    );
  });

  it("does not refuse a long stretch with nothing to cut at: the worker's time limit guards that", () => {
    // One link definition stops all cuts; 1,500 items under many headings still parse in a second or two.
    const areas = Array.from({ length: 150 }, (_, i) => `## Area ${i}\n\n${"- [ ] see [the guide][g]\n".repeat(10)}`);
    const text = `# T\n\n[g]: https://example.com/guide\n\n${areas.join("\n")}`;
    expect(splitPoints(text).starts).toEqual([]);
    expect(parseOk(text).template.sections.filter((s) => s.items.length > 0)).toHaveLength(150);
  });
});
