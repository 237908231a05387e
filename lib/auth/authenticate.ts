// Password sign-in. Every failure looks the same to the caller (no user enumeration): a
// wrong password and an unknown or deactivated account return the same result, and an
// unknown email costs the same hashing time as a wrong password. A refused attempt (the
// account's wait, or its address's limit: lib/auth/rate-limit.ts) says how long to wait; it
// is refused for any email alike, before the password is looked at.
import "server-only";
import { verifyDeviceToken } from "@/lib/auth/device-cookie";
import { timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { beginSignIn, signInSucceeded, type SignInLimited } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/auth/schemas";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role; tokenVersion: number };

/** `deviceToken`: the browser's device cookie (lib/auth/device-cookie.ts), if it sent one. */
export type PasswordSignIn = { email: string; password: string; ip: string; deviceToken?: string | undefined };

export type PasswordSignInResult =
  | { ok: true; user: AuthenticatedUser; /** the browser's device id, kept or new */ deviceId: string | null }
  | { ok: false; limited: SignInLimited | null };

export async function signInWithPassword(
  input: PasswordSignIn,
  options?: DomainOptions,
): Promise<PasswordSignInResult> {
  // A malformed sign-in is refused like any other, never with a message naming the field.
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, limited: null };
  const { email, password } = parsed.data;
  const prisma = dbOf(options);
  const deviceId = verifyDeviceToken(input.deviceToken, email);
  const claim = await beginSignIn(prisma, { email, ip: input.ip, deviceId });
  if (!claim.allowed) return { ok: false, limited: { scope: claim.scope, retryAfterMs: claim.retryAfterMs } };

  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await timingDummyHash(), password);
    return { ok: false, limited: null };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, limited: null };

  await signInSucceeded(prisma, claim);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion },
    deviceId,
  };
}

/** The signed-in user, or null for any failure (refused attempts included). */
export async function authenticateWithPassword(
  input: PasswordSignIn,
  options?: DomainOptions,
): Promise<AuthenticatedUser | null> {
  const result = await signInWithPassword(input, options);
  return result.ok ? result.user : null;
}
