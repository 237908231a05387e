import { describe, expect, it } from "vitest";
import {
  accountStreakKey,
  addressKey,
  clientIp,
  deviceStreakKey,
  signInDelayMs,
  streakWaitMs,
  windowStartOf,
} from "@/lib/auth/rate-limit";

describe("clientIp", () => {
  it("M4: reads the one address the HTTP layer set in X-Forwarded-For, and no client-set X-Real-IP", () => {
    expect(clientIp({ "x-forwarded-for": " 203.0.113.7 ", "x-real-ip": "10.0.0.2" })).toBe("203.0.113.7");
    expect(clientIp({ "x-real-ip": "198.51.100.4" })).toBe("unknown");
    expect(clientIp({})).toBe("unknown");
    expect(clientIp(undefined)).toBe("unknown");
  });
});

describe("sign-in keys", () => {
  it("key the account case-insensitively and the address as given", () => {
    expect(accountStreakKey("Pat@Example.COM")).toBe("sign-in:streak:account:pat@example.com");
    expect(deviceStreakKey("Pat@Example.COM", "dev1")).toBe("sign-in:streak:device:pat@example.com:dev1");
    expect(addressKey("203.0.113.7")).toBe("sign-in:ip:203.0.113.7");
  });
});

describe("signInDelayMs", () => {
  it("M3: waits nothing before a failure, then 1 s doubling per failure up to 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map(signInDelayMs)).toEqual([
      0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
  });

  it("M3: counts the wait from the streak's last attempt", () => {
    const lastAt = new Date("2026-03-01T10:00:00.000Z");
    expect(streakWaitMs({ failures: 3, lastAt }, new Date("2026-03-01T10:00:01.500Z"))).toBe(2500);
    expect(streakWaitMs({ failures: 3, lastAt }, new Date("2026-03-01T10:00:04.000Z"))).toBe(0);
    expect(streakWaitMs({ failures: 0, lastAt: null }, lastAt)).toBe(0);
  });
});

describe("windowStartOf", () => {
  it("starts fixed 15-minute windows on the quarter hour (UTC)", () => {
    expect(windowStartOf(new Date("2026-03-01T10:14:59.999Z")).toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(windowStartOf(new Date("2026-03-01T10:15:00.000Z")).toISOString()).toBe("2026-03-01T10:15:00.000Z");
  });
});
