import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import type { PrismaClient } from "@/lib/db/client";
import { userRowSelect, type UserRow } from "@/lib/users/user-row";

export async function listUsers(prisma: PrismaClient, actor: Actor | null): Promise<UserRow[]> {
  requirePermission(actor, "user:manage");
  return prisma.user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }], select: userRowSelect });
}
