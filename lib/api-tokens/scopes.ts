// Token scopes nest: WRITE includes READ, READ includes GATE. A token acts as its user (the
// one it was made for), so what it may do is that user's role permissions limited by these
// scopes: the route checks the scope, the domain function the role.
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";

export const apiTokenScopes = ["READ", "WRITE", "GATE"] as const satisfies readonly ApiTokenScope[];

const grants: Record<ApiTokenScope, readonly ApiTokenScope[]> = {
  GATE: ["GATE"],
  READ: ["GATE", "READ"],
  WRITE: ["GATE", "READ", "WRITE"],
};

export function scopesAllow(scopes: readonly ApiTokenScope[], needed: ApiTokenScope): boolean {
  return scopes.some((scope) => grants[scope].includes(needed));
}

export const scopeDescriptions: Record<ApiTokenScope, string> = {
  GATE: "Only the gate endpoint (for a pipeline step)",
  READ: "Every GET under /api/v1, including the gate",
  WRITE: "Read, plus create deployments and change item states",
};
