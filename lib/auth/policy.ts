// The one permission policy: which role may do what. Server code calls
// requirePermission(); the UI calls can() only to hide what the server would refuse.
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export const permissions = [
  "template:import",
  "template:edit",
  "template:review",
  "deployment:create",
  "deployment:edit",
  "deployment:submit",
  "deployment:deploy",
  "item:update",
  "item:assign",
  "deployment:review",
  "maintenance:complete",
  "procedure:run",
  "audit:read",
  "user:manage",
  "token:manage",
  "settings:manage",
] as const;

export type Permission = (typeof permissions)[number];

const engineer: Permission[] = [
  "deployment:create",
  "deployment:edit",
  "deployment:submit",
  "deployment:deploy",
  "item:update",
  "maintenance:complete",
  "procedure:run",
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  ADMIN: permissions,
  MANAGER: ["deployment:create", "deployment:edit", "item:assign", "audit:read"],
  REVIEWER: [...engineer, "item:assign", "deployment:review", "template:review"],
  ENGINEER: [...engineer, "item:assign"],
  VIEWER: [],
};

/** `apiTokenId`: set when the user acts through one of their API tokens (lib/api/principal.ts),
 * so what the change records (item history, later the contribution record) names the token. */
export type Actor = { id: string; role: Role; apiTokenId?: string };

export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  return actor ? rolePermissions[actor.role].includes(permission) : false;
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this action.");
}
