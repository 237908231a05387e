import { describe, expect, it } from "vitest";
import { apiWindowStart, secondsLeftInWindow } from "@/lib/api/rate-limit";

describe("API rate limits (#18 point 9): the window", () => {
  it("starts on the minute", () => {
    expect(apiWindowStart(new Date("2026-12-02T11:22:33.456Z"))).toEqual(new Date("2026-12-02T11:22:00.000Z"));
  });

  it("tells Retry-After the whole seconds left, at least 1", () => {
    expect(secondsLeftInWindow(new Date("2026-12-02T11:22:00.000Z"))).toBe(60);
    expect(secondsLeftInWindow(new Date("2026-12-02T11:22:30.500Z"))).toBe(30);
    expect(secondsLeftInWindow(new Date("2026-12-02T11:22:59.999Z"))).toBe(1);
  });
});
