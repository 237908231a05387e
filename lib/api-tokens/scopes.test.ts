import { describe, expect, it } from "vitest";
import { scopesAllow } from "@/lib/api-tokens/scopes";
import { TOKEN_PATTERN, generateTokenSecret, hashTokenSecret, prefixOf } from "@/lib/api-tokens/secret";

describe("token scopes", () => {
  it.each([
    [["GATE"], { GATE: true, READ: false, WRITE: false }],
    [["READ"], { GATE: true, READ: true, WRITE: false }],
    [["WRITE"], { GATE: true, READ: true, WRITE: true }],
    [["GATE", "READ"], { GATE: true, READ: true, WRITE: false }],
    [[], { GATE: false, READ: false, WRITE: false }],
  ] as const)("%j allows %j", (scopes, expected) => {
    for (const [needed, allowed] of Object.entries(expected))
      expect(scopesAllow(scopes, needed as keyof typeof expected), needed).toBe(allowed);
  });
});

describe("token secrets", () => {
  it("are pf_ + 43 base64url characters, different every time, hashed as sha256 hex", () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a).toMatch(TOKEN_PATTERN);
    expect(a).toHaveLength(46);
    expect(a).not.toBe(b);
    expect(prefixOf(a)).toBe(a.slice(0, 10));
    expect(hashTokenSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashTokenSecret(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
