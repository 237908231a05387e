// What counts as open work for one person, defined once: the page's rows and the header's
// count both filter with these, so the badge always equals the rows the page lists.
import "server-only";
import { can, type Actor } from "@/lib/auth/policy";
import { deploymentStatuses, itemEditable } from "@/lib/deployments/lifecycle";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { activeApprovals } from "@/lib/signoff/locked-deployment";
import { currentListWhere, overdueListsWhere } from "@/lib/maintenance/board";

/** My work is always someone's: a signed-out caller gets the 401 every read gives. */
export function requireSignedIn(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
}

export type MyWorkSection =
  "items" | "reviews" | "waivers" | "deployments" | "reminders" | "maintenance" | "procedures";

/** Who can be given a checklist item or a deployment: everyone but a viewer, as
 * listAssignableUsers picks them (and updateItemState and createDeployment accept them). */
function canBeAssigned(role: Role): boolean {
  return role !== "VIEWER";
}

/** The sections that apply to a role, in the page's order: a viewer has none, a reviewer
 * also sees what awaits their review. */
export function myWorkSections(actor: Pick<Actor, "role">): MyWorkSection[] {
  const sections: MyWorkSection[] = [];
  if (canBeAssigned(actor.role)) sections.push("items");
  if (can(actor, "deployment:review")) sections.push("reviews", "waivers");
  if (canBeAssigned(actor.role)) sections.push("deployments");
  // Reviews coming due of templates they own or review, deployments they own or approved.
  if (canBeAssigned(actor.role)) sections.push("reminders");
  // Only those who may complete maintenance are given tasks (assignMaintenanceTask).
  if (can(actor, "maintenance:complete")) sections.push("maintenance");
  if (can(actor, "procedure:run")) sections.push("procedures");
  return sections;
}

const checklistKinds = ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] as const;

/** Open checklist items assigned to the actor, in deployments where the item can still
 * change: the lifecycle's itemEditable, spelled out per section kind (pre-deployment items
 * of a deployed release are settled history, its post-deployment verification is not). */
export function assignedItemsWhere(actor: Actor): Prisma.ItemStateWhereInput {
  return {
    assigneeId: actor.id,
    status: "OPEN",
    item: { isLeaf: true },
    OR: checklistKinds.map((kind) => ({
      item: { section: { kind } },
      deployment: { status: { in: deploymentStatuses.filter((status) => itemEditable(status, kind)) } },
    })),
  };
}

/** Deployments in review that the actor may still approve: none they worked on (separation
 * of duties, from the contribution record, as approveDeployment refuses), and not one they
 * already hold a standing approval on (a template asking for several approvals waits for
 * someone else). */
export function awaitingReviewWhere(actor: Actor): Prisma.DeploymentWhereInput {
  return {
    status: "READY_FOR_REVIEW",
    ownerId: { not: actor.id },
    contributions: { none: { userId: actor.id } },
    signOffs: { none: { reviewerId: actor.id, ...activeApprovals } },
  };
}

/** Waivers awaiting a decision the actor may make: not theirs, not yet approved by them, on a
 * deployment they did not work on (decideWaiver refuses the rest) that can still change. */
export function pendingWaiversWhere(actor: Actor): Prisma.WaiverWhereInput {
  return {
    status: "PENDING",
    requestedById: { not: actor.id },
    approvals: { none: { reviewerId: actor.id } },
    deployment: {
      ownerId: { not: actor.id },
      contributions: { none: { userId: actor.id } },
      status: { notIn: ["DEPLOYED", "CANCELLED"] },
    },
  };
}

/** The lists the maintenance board shows as this period's or overdue, not completed, of
 * schedules still running: the board's own rules. */
function openListWhere(now: Date): Prisma.MaintenanceOccurrenceWhereInput {
  return {
    completedAt: null,
    schedule: { active: true },
    OR: [currentListWhere(now), overdueListsWhere(now)],
  };
}

/** Open tasks of open lists that are the actor's: assigned to them, or unassigned (anyone
 * who may complete maintenance may pick those up). */
export function maintenanceTasksWhere(actor: Actor, now: Date): Prisma.MaintenanceTaskWhereInput {
  return {
    completedAt: null,
    OR: [{ assigneeId: actor.id }, { assigneeId: null }],
    occurrence: openListWhere(now),
  };
}

/** Every running procedure: an incident is everyone's work until it is finished. */
export const activeRunsWhere = { status: "ACTIVE" } satisfies Prisma.ProcedureRunWhereInput;
