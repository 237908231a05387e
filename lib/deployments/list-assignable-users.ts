// The people a deployment can be given to or an item assigned to: active, and allowed to
// work on checklists (a viewer only reads).
import "server-only";
import { dbOf, type DomainOptions } from "@/lib/db";

export type AssignableUser = { id: string; name: string };

export async function listAssignableUsers(options?: DomainOptions): Promise<AssignableUser[]> {
  return dbOf(options).user.findMany({
    where: { active: true, role: { not: "VIEWER" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
