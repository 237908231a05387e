// Password sign-in. Every failure looks the same to the caller (no user enumeration),
// and an unknown email costs the same hashing time as a wrong password.
import "server-only";
import { db } from "@/lib/db";
import { timingDummyHash, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role; tokenVersion: number };

export async function authenticateWithPassword(email: string, password: string): Promise<AuthenticatedUser | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
}
