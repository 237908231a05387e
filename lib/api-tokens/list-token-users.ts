// The users a token can speak for (the admin form's "For user" choices): active, and not a
// viewer, whose role permits nothing a token could use beyond reading.
import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type TokenUserChoice = { id: string; name: string; email: string; role: Role };

export async function listTokenUsers(actor: Actor | null, options?: DomainOptions): Promise<TokenUserChoice[]> {
  requirePermission(actor, "token:manage");
  return dbOf(options).user.findMany({
    where: { active: true, role: { not: "VIEWER" } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: 1_000,
    select: { id: true, name: true, email: true, role: true },
  });
}
