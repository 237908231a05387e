// The password sign-in over HTTP (POST /api/auth/callback/credentials), around next-auth:
// - before next-auth runs, an attempt the limits refuse (lib/auth/rate-limit.ts) is answered
//   429 with Retry-After, its password never looked at;
// - next-auth's Credentials provider (authorizeCredentials) claims the attempt and checks
//   the password; what it decided reaches this wrapper through an AsyncLocalStorage, so an
//   attempt that lost the race for the account's next slot is answered 429 too;
// - a successful sign-in sets the device cookie (lib/auth/device-cookie.ts).
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { NextRequest } from "next/server";
import { signInWithPassword, type AuthenticatedUser, type PasswordSignInResult } from "@/lib/auth/authenticate";
import {
  cookieValue,
  DEVICE_COOKIE,
  deviceCookieHeader,
  issueDeviceToken,
  newDeviceId,
  verifyDeviceToken,
} from "@/lib/auth/device-cookie";
import { clientIp, peekSignInLimit, type SignInLimited } from "@/lib/auth/rate-limit";
import { emailSchema } from "@/lib/auth/schemas";
import { limitErrorCode, limitMessage, retryAfterSeconds } from "@/lib/auth/sign-in-limit";
import { db } from "@/lib/db";
import { publicOrigin } from "@/lib/security/origin";

type Outcome = { result?: PasswordSignInResult };
const outcomes = new AsyncLocalStorage<Outcome>();

type HeaderMap = Record<string, string | string[] | undefined> | undefined;

/** next-auth's Credentials `authorize`: the user, or null for every failure. */
export async function authorizeCredentials(
  credentials: Record<string, string | undefined>,
  headers: HeaderMap,
): Promise<AuthenticatedUser | null> {
  const result = await signInWithPassword({
    email: credentials.email ?? "",
    password: credentials.password ?? "",
    ip: clientIp(headers),
    deviceToken: cookieValue(headers?.cookie, DEVICE_COOKIE),
  });
  const outcome = outcomes.getStore();
  if (outcome) outcome.result = result;
  return result.ok ? result.user : null;
}

/** Runs next-auth's credentials callback (`nextAuth`) with the limits and the device cookie around it. */
export async function credentialsCallback(request: NextRequest, nextAuth: () => Promise<Response>): Promise<Response> {
  const email = await emailOf(request);
  if (email) {
    const limited = await peekSignInLimit(db, {
      email,
      ip: clientIp(Object.fromEntries(request.headers)),
      deviceId: verifyDeviceToken(request.cookies.get(DEVICE_COOKIE)?.value, email),
    });
    if (limited) return tooManyAttempts(request, limited);
  }
  const outcome: Outcome = {};
  const response = await outcomes.run(outcome, nextAuth);
  const result = outcome.result;
  if (result && !result.ok && result.limited) return tooManyAttempts(request, result.limited);
  if (!result?.ok || !response.ok) return response;
  const token = issueDeviceToken(result.user.email, result.deviceId ?? newDeviceId());
  const headers = new Headers(response.headers);
  headers.append("Set-Cookie", deviceCookieHeader(token, publicOrigin(request.headers).startsWith("https:")));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The email of the form (or JSON) body, read from a copy: next-auth reads the body itself. */
async function emailOf(request: NextRequest): Promise<string | null> {
  const text = await request
    .clone()
    .text()
    .catch(() => "");
  let value: unknown;
  if (request.headers.get("content-type")?.includes("application/json")) {
    try {
      value = (JSON.parse(text) as { email?: unknown } | null)?.email;
    } catch {
      value = undefined;
    }
  } else value = new URLSearchParams(text).get("email");
  const parsed = emailSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** 429 with Retry-After; the body is what next-auth's signIn() reads: `url` with the error code. */
function tooManyAttempts(request: NextRequest, limited: SignInLimited): Response {
  const limit = { scope: limited.scope, retryAfterSeconds: retryAfterSeconds(limited.retryAfterMs) };
  const url = new URL("/api/auth/error", publicOrigin(request.headers));
  url.searchParams.set("error", limitErrorCode(limit));
  return Response.json(
    { url: url.href, error: limitMessage(limit), retryAfter: limit.retryAfterSeconds },
    {
      status: 429,
      headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" },
    },
  );
}
