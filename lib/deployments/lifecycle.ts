// The one state machine of a deployment. Every page, action, route and job asks it which
// status follows which, and who may move it: no status list is spelled out anywhere else.
// Pure (no database), so the UI asks the same table to decide which buttons to offer.
import type { Permission } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { DeploymentStatus } from "@/lib/generated/prisma/enums";

export type { DeploymentStatus };

/** Every status, in the order a release passes through them. */
export const deploymentStatuses = [
  "DRAFT",
  "IN_PROGRESS",
  "READY_FOR_REVIEW",
  "SIGNED_OFF",
  "DEPLOYED",
  "REJECTED",
  "CANCELLED",
] as const satisfies readonly DeploymentStatus[];

/** What moves a deployment. `change` is an item's content changing; `invalidate` is an edit
 * of what an approval covers (owner, version, release reference) or, later, an expired waiver. */
export type LifecycleEvent =
  "change" | "submit" | "signOff" | "reject" | "withdraw" | "invalidate" | "deploy" | "cancel" | "reopen" | "delete";

export type Transition = {
  event: LifecycleEvent;
  from: readonly DeploymentStatus[];
  /** null: the deployment is deleted. A function: the target depends on whether every
   * critical item is settled (done or not applicable). */
  to: DeploymentStatus | null | ((criticalsSettled: boolean) => DeploymentStatus);
  permission: Permission;
  /** The sentence a refused move answers with. */
  refusal: string;
};

const backToReview = (criticalsSettled: boolean): DeploymentStatus =>
  criticalsSettled ? "READY_FOR_REVIEW" : "IN_PROGRESS";

export const transitions: readonly Transition[] = [
  {
    event: "change",
    from: ["DRAFT", "IN_PROGRESS", "REJECTED"],
    to: "IN_PROGRESS",
    permission: "item:update",
    refusal: "",
  },
  // In review or signed off, a change reopens review: back to review while every critical
  // item is still settled, else to work.
  {
    event: "change",
    from: ["READY_FOR_REVIEW", "SIGNED_OFF"],
    to: backToReview,
    permission: "item:update",
    refusal: "",
  },
  {
    event: "submit",
    from: ["DRAFT", "IN_PROGRESS", "REJECTED"],
    to: "READY_FOR_REVIEW",
    permission: "deployment:submit",
    refusal: "Only a deployment that is not yet in review can be submitted.",
  },
  {
    event: "signOff",
    from: ["READY_FOR_REVIEW"],
    to: "SIGNED_OFF",
    permission: "deployment:review",
    refusal: "Only a deployment in review can be signed off.",
  },
  {
    event: "reject",
    from: ["READY_FOR_REVIEW", "SIGNED_OFF"],
    to: "REJECTED",
    permission: "deployment:review",
    refusal: "Only a deployment in review or signed off can be rejected.",
  },
  {
    event: "withdraw",
    from: ["READY_FOR_REVIEW"],
    to: "IN_PROGRESS",
    permission: "deployment:submit",
    refusal: "Only a deployment in review can be withdrawn from review.",
  },
  {
    event: "invalidate",
    from: ["SIGNED_OFF", "READY_FOR_REVIEW"],
    to: backToReview,
    permission: "deployment:edit",
    refusal: "",
  },
  {
    event: "deploy",
    from: ["SIGNED_OFF"],
    to: "DEPLOYED",
    permission: "deployment:deploy",
    refusal: "Only a signed-off deployment whose gate is open can be marked deployed.",
  },
  {
    event: "cancel",
    from: ["DRAFT", "IN_PROGRESS", "READY_FOR_REVIEW", "SIGNED_OFF", "REJECTED"],
    to: "CANCELLED",
    permission: "deployment:edit",
    refusal: "A deployed or already cancelled deployment cannot be cancelled.",
  },
  {
    event: "reopen",
    from: ["CANCELLED"],
    to: "IN_PROGRESS",
    permission: "deployment:edit",
    refusal: "Only a cancelled deployment can be reopened.",
  },
  {
    event: "delete",
    from: ["DRAFT"],
    to: null,
    permission: "deployment:edit",
    refusal: "Only a draft can be deleted; cancel a deployment that has started instead.",
  },
];

/** The transition `event` takes from `from`, or undefined when it does not apply. */
export function transitionFor(event: LifecycleEvent, from: DeploymentStatus): Transition | undefined {
  return transitions.find((t) => t.event === event && t.from.includes(from));
}

export function canTransition(event: LifecycleEvent, from: DeploymentStatus): boolean {
  return transitionFor(event, from) !== undefined;
}

/** The status `event` leads to from `from`; throws a 409 naming the refusal when it does not
 * apply (`code` TRANSITION_NOT_ALLOWED, `reasons` when the caller has them, as the gate's). */
export function nextStatus(
  event: LifecycleEvent,
  from: DeploymentStatus,
  criticalsSettled = true,
): DeploymentStatus | null {
  const transition = transitionFor(event, from);
  if (!transition) throw transitionRefused(event, from);
  return typeof transition.to === "function" ? transition.to(criticalsSettled) : transition.to;
}

export function transitionRefused(
  event: LifecycleEvent,
  from: DeploymentStatus,
  reasons?: { code: string; message: string }[],
): AppError {
  const sentence = transitions.find((t) => t.event === event && t.refusal)?.refusal ?? "That change is not allowed.";
  return new AppError("CONFLICT", `This deployment is ${statusWords(from)}. ${sentence}`, {
    code: "TRANSITION_NOT_ALLOWED",
    ...(reasons ? { reasons } : {}),
  });
}

export const statusLabels: Record<DeploymentStatus, string> = {
  DRAFT: "Draft",
  IN_PROGRESS: "In progress",
  READY_FOR_REVIEW: "Ready for review",
  SIGNED_OFF: "Signed off",
  DEPLOYED: "Deployed",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
};

/** "ready for review", for sentences. */
export function statusWords(status: DeploymentStatus): string {
  return statusLabels[status].toLowerCase();
}

/** Finished: nothing before the go-live changes any more. */
export const finalStatuses = ["DEPLOYED", "CANCELLED"] as const satisfies readonly DeploymentStatus[];
/** Still on its way to production: what the overview and the default list show. */
export const activeStatuses = deploymentStatuses.filter(
  (s): s is Exclude<DeploymentStatus, (typeof finalStatuses)[number]> =>
    !(finalStatuses as readonly string[]).includes(s),
);
/** Where the approvals given so far count toward the gate. */
export const signedOffStatuses = ["SIGNED_OFF", "DEPLOYED"] as const satisfies readonly DeploymentStatus[];
/** Not (or no longer) in review: the gate answers NOT_SUBMITTED. */
export const notSubmittedStatuses = transitions.find((t) => t.event === "submit")!.from;

export function isFinal(status: DeploymentStatus): boolean {
  return (finalStatuses as readonly string[]).includes(status);
}

export function isSignedOff(status: DeploymentStatus): status is (typeof signedOffStatuses)[number] {
  return (signedOffStatuses as readonly string[]).includes(status);
}

/** Whether an item of a section of `kind` may still change: pre-deployment items until the
 * go-live or a cancellation, post-deployment verification also after the go-live. */
export function itemEditable(status: DeploymentStatus, kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT"): boolean {
  if (status === "CANCELLED") return false;
  return status !== "DEPLOYED" || kind === "POST_DEPLOYMENT";
}
