// The deployment gate a pipeline asks before it ships: ready only when the deployment is
// signed off and that sign-off still stands. The facts come from the checklist as the page
// shows it (readiness, approvals, invalidation, digest); this only words the verdict.
import "server-only";
import type { ReadOptions } from "@/lib/db";
import { getChecklist } from "@/lib/deployments/get-checklist";
import type { GateReasonCode } from "@/lib/api/v1/schemas";
import { isSignedOff, notSubmittedStatuses } from "@/lib/deployments/lifecycle";

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
  const checklist = await getChecklist(deploymentId, options);
  if (!checklist) return null;
  const { deployment, readiness, signOff } = checklist;
  const status = deployment.status;
  const reasons: GateReason[] = [];
  const add = (code: GateReasonCode, message: string) => reasons.push({ code, message });

  if (status === "CANCELLED") add("CANCELLED", "The deployment was cancelled.");
  const openCritical = readiness.byPriority.CRITICAL.open;
  if (openCritical > 0) add("OPEN_CRITICAL_ITEMS", `${openCritical} critical item(s) are open.`);
  if (signOff.invalidation) {
    const by = signOff.invalidation.by ? ` by ${signOff.invalidation.by}` : "";
    add(
      "SIGNOFF_INVALIDATED",
      `The sign-off was invalidated on ${signOff.invalidation.at}${by}: ${signOff.invalidation.reason}`,
    );
  }
  if (signOff.rejection) add("REJECTED", `Rejected by ${signOff.rejection.reviewer}: ${signOff.rejection.comment}`);
  if ((notSubmittedStatuses as readonly string[]).includes(status))
    add("NOT_SUBMITTED", "The deployment has not been submitted for review.");
  const signedOff = isSignedOff(status);
  if ((status === "READY_FOR_REVIEW" || signedOff) && signOff.approvals.length < signOff.requiredApprovals) {
    add("MISSING_APPROVALS", `${signOff.approvals.length} of ${signOff.requiredApprovals} required approval(s) given.`);
  }
  // The earliest review date governs: one expired approval is enough to re-review.
  const nextReviewAt =
    signOff.approvals
      .map((a) => a.nextReviewAt)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  if (signedOff && nextReviewAt && new Date(nextReviewAt) <= now)
    add(
      "REVIEW_EXPIRED",
      `The sign-off's review date ${nextReviewAt.slice(0, 10)} has passed; it must be reviewed again.`,
    );

  if (reasons.length > 0 || !signedOff) {
    return {
      ready: false,
      deploymentId,
      status,
      error: `Deployment is not ready: ${reasons.map((r) => r.message).join(" ")}`,
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
