import { describe, expect, it } from "vitest";
import { limitErrorCode, limitMessage, parseLimitErrorCode, retryAfterSeconds } from "@/lib/auth/sign-in-limit";

describe("sign-in limit codes", () => {
  it("M3: carry the scope and the wait from the route's 429 to the form's message", () => {
    const code = limitErrorCode({ scope: "account", retryAfterSeconds: 12 });
    expect(code).toBe("TooManyAttempts:account:12");
    const limit = parseLimitErrorCode(code);
    expect(limit).toEqual({ scope: "account", retryAfterSeconds: 12 });
    expect(limitMessage(limit!)).toBe("Too many failed attempts for this account; try again in 12 s.");
    expect(limitMessage({ scope: "address", retryAfterSeconds: 600 })).toBe(
      "Too many failed attempts from your network; try again in 600 s.",
    );
  });

  it("M3: read nothing from other codes", () => {
    for (const code of [null, undefined, "", "CredentialsSignin", "TooManyAttempts:account:", "TooManyAttempts:x:3"])
      expect(parseLimitErrorCode(code), String(code)).toBeNull();
  });

  it("M3: round a wait up to whole seconds, at least 1", () => {
    expect([0, 1, 999, 1000, 1001, 29_999].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2, 30]);
  });
});
