import { describe, expect, it } from "vitest";
import { cleanInput, DEPTH_MESSAGE, MAX_DEPTH, NUL_MESSAGE } from "@/lib/actions/clean-input";

describe("cleanInput", () => {
  it("names the path of the first string holding a NUL", () => {
    expect(cleanInput({ a: "ok", notes: ["fine", "bad\u0000"] })).toEqual({
      ok: false,
      path: "notes.1",
      message: NUL_MESSAGE,
    });
    expect(cleanInput("\u0000")).toEqual({ ok: false, path: "input", message: NUL_MESSAGE });
  });

  it("replaces lone surrogates and copies instead of changing the input", () => {
    const input = Object.freeze({
      title: "a\uD800b",
      nested: Object.freeze({ list: Object.freeze(["\uDFFF", "😀"]) }),
    });
    expect(cleanInput(input)).toEqual({ ok: true, value: { title: "a\uFFFDb", nested: { list: ["\uFFFD", "😀"] } } });
    expect(input.title).toBe("a\uD800b");
  });

  it("keeps a __proto__ key a key and leaves other values to the schema", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as object;
    const result = cleanInput(input);
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.ok && Object.keys(result.value as object)).toEqual(["__proto__", "x"]);
    const date = new Date(0);
    expect(cleanInput({ date })).toEqual({ ok: true, value: { date } });
  });

  it("survives cycles", () => {
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    const result = cleanInput(cyclic);
    expect(result.ok).toBe(true);
  });

  it("L5: refuses input nested 10,000 deep with a message instead of overflowing the stack", () => {
    const deep = JSON.parse("[".repeat(10_000) + "]".repeat(10_000)) as unknown;
    const result = cleanInput({ notes: deep });
    expect(result).toMatchObject({ ok: false, message: DEPTH_MESSAGE });
    const nested = (depth: number): unknown => (depth === 0 ? "x" : { a: nested(depth - 1) });
    expect(cleanInput(nested(MAX_DEPTH - 1)).ok).toBe(true);
    expect(cleanInput(nested(MAX_DEPTH + 1)).ok).toBe(false);
  });
});
