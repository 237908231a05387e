import { describe, expect, it } from "vitest";

// The signing key comes from AUTH_SECRET (lib/env.ts reads it once, when first asked).
process.env.AUTH_SECRET ??= "device-cookie-unit-test-secret-of-32-chars";
const { cookieValue, deviceCookieHeader, issueDeviceToken, newDeviceId, verifyDeviceToken } =
  await import("@/lib/auth/device-cookie");

describe("device cookie", () => {
  it("M3: names its device for the account it was issued for, whatever the email's case", () => {
    const deviceId = newDeviceId();
    const token = issueDeviceToken("pat@example.test", deviceId);
    expect(verifyDeviceToken(token, "pat@example.test")).toBe(deviceId);
    expect(verifyDeviceToken(token, "Pat@Example.TEST")).toBe(deviceId);
  });

  it("M3: is worth nothing for another account, tampered with, or expired", () => {
    const deviceId = newDeviceId();
    const now = new Date("2026-03-01T10:00:00Z");
    const token = issueDeviceToken("pat@example.test", deviceId, now);
    expect(verifyDeviceToken(token, "admin@example.test", now)).toBeNull();
    const [version, , expires, mac] = token.split(".");
    expect(verifyDeviceToken([version, newDeviceId(), expires, mac].join("."), "pat@example.test", now)).toBeNull();
    expect(
      verifyDeviceToken([version, deviceId, Number(expires) + 1, mac].join("."), "pat@example.test", now),
    ).toBeNull();
    expect(verifyDeviceToken(`${token}x`, "pat@example.test", now)).toBeNull();
    expect(verifyDeviceToken(undefined, "pat@example.test", now)).toBeNull();
    expect(verifyDeviceToken("garbage", "pat@example.test", now)).toBeNull();
    const in181Days = new Date(now.getTime() + 181 * 24 * 60 * 60 * 1000);
    expect(verifyDeviceToken(token, "pat@example.test", in181Days)).toBeNull();
  });

  it("M3: is set HttpOnly, SameSite=Lax, for 180 days, Secure only over https", () => {
    expect(deviceCookieHeader("v", false)).toBe(
      "preflight-device=v; Path=/api/auth; Max-Age=15552000; HttpOnly; SameSite=Lax",
    );
    expect(deviceCookieHeader("v", true)).toMatch(/; Secure$/);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(cookieValue("a=1; preflight-device=d1.x.y.z; b=2", "preflight-device")).toBe("d1.x.y.z");
    expect(cookieValue(undefined, "preflight-device")).toBeUndefined();
  });
});
