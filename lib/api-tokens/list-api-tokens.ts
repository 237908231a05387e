import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { apiTokenRowSelect, type ApiTokenRow } from "@/lib/api-tokens/token-row";

/** Usable tokens first, newest first within each group. */
export async function listApiTokens(actor: Actor | null, options?: DomainOptions): Promise<ApiTokenRow[]> {
  requirePermission(actor, "token:manage");
  return dbOf(options).apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
    select: apiTokenRowSelect,
  });
}
