import { describe, expect, it } from "vitest";
import { decodeInput, MAX_TEMPLATE_BYTES } from "./decode";
import { parseError, parseOk } from "@/test/markdown-helpers";

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("bad inputs give one clear sentence", () => {
  it.each<[string, string | Uint8Array, string]>([
    ["empty bytes", new Uint8Array(), "The file is empty."],
    ["empty string", "", "The file is empty."],
    ["whitespace only", " \r\n\t\n  ", "The file is empty (it contains only whitespace)."],
    ["a BOM and nothing else", bytes(0xef, 0xbb, 0xbf), "The file is empty."],
    ["NUL bytes", bytes(0x23, 0x20, 0x41, 0x00, 0x01, 0x02), "The file looks binary (it contains NUL bytes)."],
    ["a NUL in a string", "# A\n\u0000", "The file looks binary (it contains NUL bytes)."],
    ["invalid UTF-8", bytes(0x23, 0x20, 0xc3, 0x28, 0xff), "The file is not valid UTF-8 text."],
    ["UTF-16", bytes(0xff, 0xfe, 0x23, 0x00), "The file is UTF-16 text; save it as UTF-8 and try again."],
    [
      "no headings",
      "- [ ] a task\n",
      "No title found: the file has no Markdown headings (start it with a line like “# My checklist”).",
    ],
    [
      "no checklist",
      "# Notes\n\nJust prose.\n\n## More\n\n- a plain bullet\n",
      "No checklist content found: the file has no headings with task lists or numbered steps.",
    ],
    [
      "numbered list outside a procedure",
      "# Setup\n\n1. one\n2. two\n",
      "No checklist content found: the file has no headings with task lists or numbered steps.",
    ],
  ])("%s", (_name, input, error) => {
    expect(parseError(input)).toBe(error);
  });

  it("rejects more than 1 MB, naming the size", () => {
    const big = new Uint8Array(Math.round(1.4 * MAX_TEMPLATE_BYTES)).fill(0x61);
    expect(parseError(big)).toBe("The file is larger than 1 MB (1.4 MB).");
    expect(parseError("a".repeat(MAX_TEMPLATE_BYTES + 1))).toBe("The file is larger than 1 MB (1,048,577 bytes).");
    expect(parseError("é".repeat(MAX_TEMPLATE_BYTES / 2 + 1))).toMatch(/^The file is larger than 1 MB/);
  });

  it("accepts exactly 1 MB", () => {
    expect(decodeInput(new Uint8Array(MAX_TEMPLATE_BYTES).fill(0x61)).ok).toBe(true);
  });
});

describe("decoding", () => {
  it("strips a UTF-8 BOM from bytes and strings", () => {
    const doc = "# Title\n\n- [ ] a\n";
    expect(parseOk(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(doc)])).template.title).toBe("Title");
    expect(parseOk(`\uFEFF${doc}`).template.title).toBe("Title");
  });

  it("normalises CRLF and lone CR to LF", () => {
    expect(decodeInput("a\r\nb\rc\n")).toEqual({ ok: true, text: "a\nb\nc\n" });
  });
});
