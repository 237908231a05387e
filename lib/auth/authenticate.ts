// Password sign-in. Every failure looks the same to the caller (no user enumeration): a
// wrong password, an unknown or deactivated account and a rate-limited attempt all return
// null, and an unknown email costs the same hashing time as a wrong password.
import "server-only";
import { timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { attemptSucceeded, beginAttempt, signInKeys } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/auth/schemas";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role; tokenVersion: number };

export type PasswordSignIn = { email: string; password: string; ip: string };

export async function authenticateWithPassword(
  input: PasswordSignIn,
  options?: DomainOptions,
): Promise<AuthenticatedUser | null> {
  // A malformed sign-in is refused like any other: null, never a message naming the field.
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const prisma = dbOf(options);
  const attempt = await beginAttempt(prisma, signInKeys(email, input.ip));
  if (!attempt.allowed) return null;

  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;

  await attemptSucceeded(prisma, attempt);
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
}
