import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { userRowSelect, type UserRow } from "@/lib/users/user-row";

export async function listUsers(actor: Actor | null, options?: DomainOptions): Promise<UserRow[]> {
  requirePermission(actor, "user:manage");
  return dbOf(options).user.findMany({ orderBy: [{ active: "desc" }, { email: "asc" }], select: userRowSelect });
}
