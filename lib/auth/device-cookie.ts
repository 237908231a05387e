// The device cookie: a browser that signed in to an account before says so, and its
// attempts for that account skip the account's wait (lib/auth/rate-limit.ts), so strangers
// failing on the account cannot keep its owner out. The value is signed (HMAC-SHA256 with a
// key derived from AUTH_SECRET) and bound to the account's email and an expiry; it carries
// no session and grants nothing but that pass. Its own failures count against it.
import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { env } from "@/lib/env";

export const DEVICE_COOKIE = "preflight-device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
/** Sent only where sign-in happens. */
const COOKIE_PATH = "/api/auth";
const VERSION = "d1";
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}

/** The cookie value for `deviceId` signed in as `email`, valid for 180 days from `now`. */
export function issueDeviceToken(email: string, deviceId: string, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + DEVICE_COOKIE_MAX_AGE_SECONDS;
  return `${VERSION}.${deviceId}.${expires}.${mac(email, deviceId, expires)}`;
}

/** The device id of a token issued for `email` and not expired; null for anything else. */
export function verifyDeviceToken(token: string | undefined, email: string, now = new Date()): string | null {
  const [version, deviceId, expiresText, signature, ...rest] = (token ?? "").split(".");
  if (version !== VERSION || !deviceId || !DEVICE_ID.test(deviceId) || !expiresText || !signature || rest.length)
    return null;
  const expires = Number(expiresText);
  if (!/^\d{1,12}$/.test(expiresText) || expires * 1000 <= now.getTime()) return null;
  const expected = Buffer.from(mac(email, deviceId, expires), "base64url");
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
}

/** The Set-Cookie value: HttpOnly, SameSite=Lax, Secure when Preflight is served over https. */
export function deviceCookieHeader(token: string, secure: boolean): string {
  return [
    `${DEVICE_COOKIE}=${token}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  const joined = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const pair of joined.split(";")) {
    const [key, ...value] = pair.split("=");
    if (key?.trim() === name) return value.join("=").trim();
  }
  return undefined;
}

function mac(email: string, deviceId: string, expires: number): string {
  return createHmac("sha256", signingKey())
    .update(`${VERSION}|${deviceId}|${expires}|${email.trim().toLowerCase()}`, "utf8")
    .digest("base64url");
}

let cachedKey: { from: string; key: Buffer } | undefined;

function signingKey(): Buffer {
  const config = env();
  // Local mode generates AUTH_SECRET into the data folder (lib/webhooks/secret.ts does the same).
  const authSecret = config.AUTH_SECRET ?? loadLocalSecrets(config.DATA_DIR).authSecret;
  if (cachedKey?.from !== authSecret) {
    // A purpose-specific key: the session-signing secret itself signs nothing else.
    cachedKey = {
      from: authSecret,
      key: Buffer.from(hkdfSync("sha256", authSecret, "preflight", "sign-in-device-cookie-v1", 32)),
    };
  }
  return cachedKey.key;
}
