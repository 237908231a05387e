import { describe, expect, it } from "vitest";
import { clientIp, signInKeys, windowStartOf } from "@/lib/auth/rate-limit";

describe("clientIp", () => {
  it("M4: reads the one address the HTTP layer set in X-Forwarded-For, and no client-set X-Real-IP", () => {
    expect(clientIp({ "x-forwarded-for": " 203.0.113.7 ", "x-real-ip": "10.0.0.2" })).toBe("203.0.113.7");
    expect(clientIp({ "x-real-ip": "198.51.100.4" })).toBe("unknown");
    expect(clientIp({})).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });
});

describe("signInKeys", () => {
  it("keys the account case-insensitively and the address as given", () => {
    expect(signInKeys("Pat@Example.COM", "203.0.113.7")).toEqual([
      "sign-in:account:pat@example.com",
      "sign-in:ip:203.0.113.7",
    ]);
  });
});

describe("windowStartOf", () => {
  it("starts fixed 15-minute windows on the quarter hour (UTC)", () => {
    expect(windowStartOf(new Date("2026-03-01T10:14:59.999Z")).toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(windowStartOf(new Date("2026-03-01T10:15:00.000Z")).toISOString()).toBe("2026-03-01T10:15:00.000Z");
  });
});
