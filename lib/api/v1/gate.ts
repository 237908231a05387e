// The deployment gate a pipeline asks before it ships: ready only when the deployment is
// signed off and that sign-off still stands. The facts come from the checklist as the page
// shows it (readiness, approvals, invalidation, digest); the rules are the readiness
// module's (gateRefusals, which the overview's "Cleared to ship" count also applies); this
// only words them.
import "server-only";
import type { ReadOptions } from "@/lib/db";
import { getChecklist } from "@/lib/deployments/get-checklist";
import type { GateReasonCode } from "@/lib/api/v1/schemas";
import { gateRefusals, waiverCounts, type GateRefusal } from "@/lib/checklists/readiness";
import { isSignedOff } from "@/lib/deployments/lifecycle";
import { sentence } from "@/lib/format";

export type GateReason = { code: GateReasonCode; message: string };
export type GateVerdict =
  | {
      ready: true;
      deploymentId: string;
      status: "SIGNED_OFF" | "DEPLOYED";
      signedOffAt: string;
      approvals: { reviewer: { id: string; name: string }; approvedAt: string; comment: string }[];
      requiredApprovals: number;
      nextReviewAt: string | null;
      digest: string;
    }
  | { ready: false; deploymentId: string; status: string; error: string; reasons: GateReason[] };

/** null when the deployment does not exist. Pass the transaction as `db` to decide under its lock. */
export async function evaluateGate(
  deploymentId: string,
  now = new Date(),
  options?: ReadOptions,
): Promise<GateVerdict | null> {
  const checklist = await getChecklist(deploymentId, options, now);
  if (!checklist) return null;
  const { deployment, readiness, signOff } = checklist;
  // Expiry is judged here, at `now`, whether or not the job runner has marked it yet.
  const waivers = waiverCounts(checklist.sections, now);
  const status = deployment.status;
  // The earliest review date governs: one expired approval is enough to re-review.
  const nextReviewAt =
    signOff.approvals
      .map((a) => a.nextReviewAt)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  const refusals = gateRefusals(
    readiness,
    {
      status,
      approvals: signOff.approvals.length,
      requiredApprovals: signOff.requiredApprovals,
      nextReviewAt: nextReviewAt ? new Date(nextReviewAt) : null,
      invalidated: signOff.invalidation !== null,
      rejected: signOff.rejection !== null,
      highBlocksGate: checklist.template.highBlocksGate,
      unmetGroups: signOff.unmetGroups,
      pendingWaivers: waivers.pending,
      expiredWaivers: waivers.expired,
    },
    now,
  );
  const messages: Record<GateRefusal, () => string> = {
    CANCELLED: () => "The deployment was cancelled.",
    OPEN_CRITICAL_ITEMS: () => `${readiness.byPriority.CRITICAL.open} critical item(s) are open.`,
    OPEN_HIGH_ITEMS: () =>
      `${readiness.byPriority.HIGH.open} high item(s) are open, and this template's open high items block the gate.`,
    WAIVER_EXPIRED: () =>
      `${waivers.expired} item(s) are open again because their waiver expired; settle them or have a new waiver approved.`,
    WAIVER_PENDING: () =>
      `${waivers.pending} item(s) have a waiver awaiting approval; a pending waiver settles nothing.`,
    SIGNOFF_INVALIDATED: () => {
      const { by, at, reason } = signOff.invalidation!;
      return `The sign-off was invalidated on ${at}${by ? ` by ${by}` : ""}: ${sentence(reason)}`;
    },
    REJECTED: () => `Rejected by ${signOff.rejection!.reviewer}: ${sentence(signOff.rejection!.comment)}`,
    NOT_SUBMITTED: () => "The deployment has not been submitted for review.",
    MISSING_APPROVALS: () =>
      [
        signOff.approvals.length < signOff.requiredApprovals
          ? `${signOff.approvals.length} of ${signOff.requiredApprovals} required approval(s) given.`
          : null,
        signOff.unmetGroups.length
          ? `No approval yet from ${signOff.unmetGroups.map((g) => `“${g}”`).join(", ")} (each group needs a different approver).`
          : null,
      ]
        .filter(Boolean)
        .join(" "),
    REVIEW_EXPIRED: () =>
      `The sign-off's review date ${nextReviewAt!.slice(0, 10)} has passed; it must be reviewed again.`,
  };
  const reasons: GateReason[] = refusals.map((code) => ({ code, message: messages[code]() }));
  const signedOff = isSignedOff(status);

  if (reasons.length > 0 || !signedOff) {
    return {
      ready: false,
      deploymentId,
      status,
      // Each reason is a sentence of its own: "Deployment is not ready: A. B."
      error: reasons.length
        ? `Deployment is not ready: ${reasons.map((r) => r.message).join(" ")}`
        : "Deployment is not ready.",
      reasons,
    };
  }
  const approvals = signOff.approvals.map((a) => ({
    reviewer: a.reviewer,
    approvedAt: a.createdAt,
    comment: a.comment,
  }));
  return {
    ready: true,
    deploymentId,
    status,
    signedOffAt: approvals
      .map((a) => a.approvedAt)
      .sort()
      .at(-1)!,
    approvals,
    requiredApprovals: signOff.requiredApprovals,
    nextReviewAt,
    digest: checklist.digest,
  };
}
