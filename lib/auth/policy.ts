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
 * so what the change records (item history, the contribution record) names the token. */
export type Actor = { id: string; role: Role; apiTokenId?: string };

export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  return actor ? rolePermissions[actor.role].includes(permission) : false;
}

export function requirePermission(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (!can(actor, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this action.");
}

/** What one person did on one deployment, from the contribution record (lib/signoff/contributions.ts). */
export type ContributionSummary = {
  created: boolean;
  owner: boolean;
  ownerSet: boolean;
  /** Distinct items (by key) whose status, N/A reason, note or evidence they changed. */
  status: number;
  naReason: number;
  note: number;
  evidence: number;
  /** Distinct items they asked to waive. */
  waivers: number;
};

const items = (n: number) => (n === 1 ? "one item" : `${n} items`);

/** What a person did, in words that follow their name or "you": "created it", "changed the status of 27 of its items". */
export function describeContributions(s: ContributionSummary): string[] {
  const parts: string[] = [];
  if (s.created) parts.push("created it");
  if (s.owner) parts.push("owned it");
  if (s.ownerSet && !s.created) parts.push("named its owner");
  if (s.status) parts.push(`changed the status of ${s.status === 1 ? "one" : s.status} of its items`);
  if (s.naReason) parts.push(`gave the N/A reason of ${items(s.naReason)}`);
  if (s.note) parts.push(`wrote the note of ${items(s.note)}`);
  if (s.evidence) parts.push(`linked evidence on ${items(s.evidence)}`);
  if (s.waivers) parts.push(`asked to waive ${items(s.waivers)}`);
  return parts;
}

/** "a, b and c". */
export function listInWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * Separation of duties: nobody approves a deployment they contributed to. Returns the
 * refusal, naming what they did, or null when they may approve. Checked inside the
 * approval's transaction from the contribution record (lib/signoff/review-deployment.ts).
 */
export function approvalConflict(s: ContributionSummary, what = "this deployment"): string | null {
  const parts = describeContributions(s);
  if (parts.length === 0) return null;
  return `You may not approve ${what}: you ${listInWords(parts)}. A reviewer who did not work on it must approve it.`;
}
