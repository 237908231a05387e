import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-strength";

describe("passwordWeakness", () => {
  it("L3: refuses twelve characters that are easy to guess, saying why in plain words", () => {
    expect(passwordWeakness("aaaaaaaaaaaa")).toBe(
      'This password is too easy to guess. Repeated characters like "aaa" are easy to guess. Add a few more words, the less common the better. Leave out repeated words and characters.',
    );
    expect(passwordWeakness("password1234")).toBe(
      "This password is too easy to guess. It is close to a commonly used password. Add a few more words, the less common the better.",
    );
    expect(passwordWeakness("qwertyuiop12")).toMatch(/^This password is too easy to guess\. /);
  });

  it("L3: refuses a password built from the account's own name or email", () => {
    const account = ["patricia.okafor@example.test", "Patricia Okafor"];
    expect(passwordWeakness("patricia.okafor", account)).toBe(
      "This password is too easy to guess. It contains your name or email address. Add a few more words, the less common the better.",
    );
    expect(passwordWeakness("okaforpatricia1", account)).toMatch(/^This password is too easy to guess\./);
    expect(passwordWeakness("okaforpatricia1")).toBeNull();
  });

  it("L3: accepts a random passphrase", () => {
    const words = ["harbour", "violet", "tractor", "glacier", "pepper", "orbit", "quartz", "meadow", "lantern"];
    const shuffled = words.map((word) => ({ word, key: randomInt(1_000_000) })).sort((a, b) => a.key - b.key);
    const passphrase = shuffled
      .slice(0, 4)
      .map(({ word }) => word)
      .join(" ");
    expect(passwordWeakness(`${passphrase} ${randomInt(1000)}`)).toBeNull();
    expect(passwordWeakness("correct horse battery staple")).toBeNull();
  });

  it("passes the random one-time passwords the seed and new accounts get", () => {
    for (let i = 0; i < 20; i++) expect(passwordWeakness(generatePassword())).toBeNull();
  });
});
