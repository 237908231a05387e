import { describe, expect, it } from "vitest";
import { CP1252_WARNING, decodeInput, MAX_TEMPLATE_BYTES } from "./decode";
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
    [
      "neither UTF-8 nor Windows-1252",
      bytes(0x23, 0x20, 0x41, 0x0a, 0x0a, 0x2d, 0x20, 0x81, 0xff),
      "The file is not UTF-8 text, nor Windows-1252 (byte 0x81 on line 3); save it as UTF-8 and try again.",
    ],
    [
      "a UTF-16 BOM before an unpaired surrogate",
      bytes(0xff, 0xfe, 0x23, 0x00, 0x00, 0xd8),
      "The file starts like UTF-16 text but is not valid UTF-16; save it as UTF-8 and try again.",
    ],
    [
      "no checklist",
      "# Notes\n\nJust prose.\n\n## More\n\n- a plain bullet\n",
      "No checklist content found: the file has no headings with task lists or numbered steps.",
    ],
    [
      "a numbered aside in prose",
      "# Setup\n\nA paragraph that says much more than the short list below it.\n\n1. one\n",
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

const doc = "# Prüfliste — Café\n\n## Vor dem Start\n\n- [ ] Änderungen prüfen\n";
function utf16(text: string, order: "le" | "be", bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out.push(...(order === "le" ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
  }
  return new Uint8Array(out);
}

describe("other encodings than UTF-8", () => {
  it.each<["le" | "be", boolean]>([
    ["le", true],
    ["le", false],
    ["be", true],
    ["be", false],
  ])("reads UTF-16 %s (BOM: %s) as the same text", (order, bom) => {
    expect(decodeInput(utf16(doc, order, bom))).toEqual({ ok: true, text: doc });
    expect(parseOk(utf16(doc, order, bom)).template.sections[0]!.items[0]!.text).toBe("Änderungen prüfen");
  });

  it("reads UTF-16 with emoji (surrogate pairs) and CRLF line ends", () => {
    expect(decodeInput(utf16("# T 🔴\r\n\r\n- [ ] x\r\n", "le", false))).toEqual({
      ok: true,
      text: "# T 🔴\n\n- [ ] x\n",
    });
  });

  it("still calls a file with NULs anywhere binary", () => {
    expect(parseError(bytes(0x00, 0x00, 0x41, 0x00, 0x42, 0x43))).toBe(
      "The file looks binary (it contains NUL bytes).",
    );
  });

  it("reads a file that is not UTF-8 as Windows-1252, with a warning", () => {
    // "Prüfliste – 5 €" in Windows-1252: ü is 0xFC, the en dash 0x96, the euro sign 0x80.
    const cp1252 = new Uint8Array([
      ...utf8("# Pr"),
      0xfc,
      ...utf8("fliste "),
      0x96,
      ...utf8(" 5 "),
      0x80,
      ...utf8("\n\n- [ ] Caf"),
      0xe9,
      ...utf8("\n"),
    ]);
    expect(decodeInput(cp1252)).toEqual({
      ok: true,
      text: "# Prüfliste – 5 €\n\n- [ ] Café\n",
      warnings: [CP1252_WARNING],
    });
  });

  it("gives UTF-8 no warning", () => {
    expect(decodeInput(utf8(doc))).toEqual({ ok: true, text: doc });
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
