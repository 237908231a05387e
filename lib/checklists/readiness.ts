// The one readiness module: everything the product shows about a deployment's readiness is
// computed here, from counts of its leaf items (and, for "cleared to ship", its status and
// sign-offs). Pure, so the list queries aggregate counts in SQL and hand them to the same
// functions the checklist page, the API, the gate, the CSV and the record use.
//
// - Settled: DONE, NOT_APPLICABLE, or open under an approved waiver that has not expired
//   (lib/waivers). A pending or expired waiver settles nothing.
// - Verdict: No-go while a CRITICAL pre-deployment leaf is open, Go with risks while a HIGH
//   one is, Go with waivers while a waiver settles one, otherwise Go.
// - Readiness percentage: settled pre-deployment leaves weighted
//   CRITICAL 8, HIGH 4, RECOMMENDED 2, no priority 1: settled weight / total weight × 100,
//   rounded down; 100 when there are no pre-deployment leaves.
// - Verification percentage: post-deployment leaves, a plain count (every check after the
//   go-live weighs the same; their sections carry no priority), rounded down; 100 when none.
// - Cleared to ship: SIGNED_OFF and the gate would answer 200 (gateRefusals is empty).
// Post-deployment items never change the verdict, the readiness percentage or the gate.
import { isSignedOff, notSubmittedStatuses, type DeploymentStatus } from "@/lib/deployments/lifecycle";
import type { ChecklistItem, ChecklistSection } from "@/lib/checklists/types";
import type { Priority } from "@/lib/generated/prisma/enums";

export type PriorityKey = Priority | "NONE";
/** `waived`: open leaves an approved, unexpired waiver settles (absent: none). */
export type Counts = { total: number; done: number; notApplicable: number; waived?: number };
export type ReadinessCounts = Partial<Record<PriorityKey, Counts>>;

export type Verdict = "GO" | "GO_WITH_WAIVERS" | "GO_WITH_RISKS" | "NO_GO";
export const verdicts: Verdict[] = ["NO_GO", "GO_WITH_RISKS", "GO_WITH_WAIVERS", "GO"];
export type PriorityProgress = Required<Counts> & { open: number; percent: number };

export type Readiness = {
  /** Every CRITICAL pre-deployment leaf is settled: what submitting and approving need. Not
   * the gate (see gateRefusals and isClearedToShip). */
  ready: boolean;
  verdict: Verdict;
  /** The readiness percentage (readinessPercent). */
  score: number;
  byPriority: Record<PriorityKey, PriorityProgress>;
};

export const priorityOrder: PriorityKey[] = ["CRITICAL", "HIGH", "RECOMMENDED", "NONE"];
export const priorityWeights: Record<PriorityKey, number> = { CRITICAL: 8, HIGH: 4, RECOMMENDED: 2, NONE: 1 };

/** floor(part / whole × 100), 100 when there is nothing to count. */
function percentOf(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 100);
}

/** The readiness percentage of pre-deployment leaf counts per priority. */
export function readinessPercent(counts: ReadinessCounts): number {
  let settledWeight = 0;
  let totalWeight = 0;
  for (const key of priorityOrder) {
    const { total = 0, done = 0, notApplicable = 0, waived = 0 } = counts[key] ?? {};
    settledWeight += priorityWeights[key] * (done + notApplicable + waived);
    totalWeight += priorityWeights[key] * total;
  }
  return percentOf(settledWeight, totalWeight);
}

export function computeReadiness(counts: ReadinessCounts): Readiness {
  const byPriority = Object.fromEntries(priorityOrder.map((key) => [key, progressOf(counts[key])])) as Record<
    PriorityKey,
    PriorityProgress
  >;
  const ready = byPriority.CRITICAL.open === 0;
  const waived = priorityOrder.some((key) => byPriority[key].waived > 0);
  const verdict: Verdict = !ready
    ? "NO_GO"
    : byPriority.HIGH.open > 0
      ? "GO_WITH_RISKS"
      : waived
        ? "GO_WITH_WAIVERS"
        : "GO";
  return { ready, verdict, score: readinessPercent(counts), byPriority };
}

function progressOf(counts: Counts | undefined): PriorityProgress {
  const { total = 0, done = 0, notApplicable = 0, waived = 0 } = counts ?? {};
  return {
    total,
    done,
    notApplicable,
    waived,
    open: total - done - notApplicable - waived,
    percent: percentOf(done + notApplicable + waived, total),
  };
}

/** Post-deployment verification: checked after the go-live, outside the gate and the digest. */
export type Verification = Counts & { open: number; percent: number };

export function computeVerification(counts: Partial<Counts> = {}): Verification {
  const { total = 0, done = 0, notApplicable = 0 } = counts;
  return {
    total,
    done,
    notApplicable,
    open: total - done - notApplicable,
    percent: percentOf(done + notApplicable, total),
  };
}

/** Readiness of a loaded checklist (the page has every item): its pre-deployment leaves. */
export function readinessOfSections(
  sections: Pick<ChecklistSection, "kind" | "priority" | "items">[],
  now = new Date(),
): Readiness {
  const counts: ReadinessCounts = {};
  for (const section of sections) {
    if (section.kind !== "PRE_DEPLOYMENT") continue;
    const entry = (counts[section.priority ?? "NONE"] ??= { total: 0, done: 0, notApplicable: 0, waived: 0 });
    addLeaves(entry, section.items, now);
  }
  return computeReadiness(counts);
}

/** Verification of a loaded checklist: its post-deployment leaves. */
export function verificationOfSections(sections: Pick<ChecklistSection, "kind" | "items">[]): Verification {
  const counts: Counts = { total: 0, done: 0, notApplicable: 0 };
  for (const section of sections) if (section.kind === "POST_DEPLOYMENT") addLeaves(counts, section.items);
  return computeVerification(counts);
}

/** A leaf is an item without children; one without a state counts as open. `now`: when
 * given, an open leaf under an approved waiver that has not expired counts as waived. */
function addLeaves(counts: Counts, items: ChecklistItem[], now?: Date): void {
  for (const item of items) {
    if (item.children.length > 0) {
      addLeaves(counts, item.children, now);
      continue;
    }
    counts.total++;
    if (item.state?.status === "DONE") counts.done++;
    else if (item.state?.status === "NOT_APPLICABLE") counts.notApplicable++;
    else if (now && isWaived(item.waiver, now)) counts.waived = (counts.waived ?? 0) + 1;
  }
}

/** Open pre-deployment leaves whose waiver awaits approval, and those whose waiver expired:
 * the gate's WAIVER_PENDING and WAIVER_EXPIRED. */
export function waiverCounts(
  sections: Pick<ChecklistSection, "kind" | "items">[],
  now: Date,
): { pending: number; expired: number } {
  const counts = { pending: 0, expired: 0 };
  const visit = (items: ChecklistItem[]) => {
    for (const item of items) {
      if (item.children.length > 0) visit(item.children);
      else if ((item.state?.status ?? "OPEN") === "OPEN" && item.waiver) {
        if (item.waiver.status === "PENDING") counts.pending++;
        else if (item.waiver.status === "EXPIRED" || !isWaived(item.waiver, now)) counts.expired++;
      }
    }
  };
  for (const section of sections) if (section.kind === "PRE_DEPLOYMENT") visit(section.items);
  return counts;
}

/** An approved waiver settles its open item until it expires. */
export function isWaived(waiver: { status: string; expiresAt: string } | null | undefined, now: Date): boolean {
  return waiver?.status === "APPROVED" && new Date(waiver.expiresAt) > now;
}

export const verdictLabels: Record<Verdict, string> = {
  GO: "Go",
  GO_WITH_WAIVERS: "Go with waivers",
  GO_WITH_RISKS: "Go with risks",
  NO_GO: "No-go",
};

/** What the gate looks at besides the items: the deployment's status and its sign-offs. */
export type SignOffFacts = {
  status: DeploymentStatus;
  /** Approvals that stand (not invalidated). */
  approvals: number;
  requiredApprovals: number;
  /** The earliest review date of the standing approvals; one passed date is enough to re-review. */
  nextReviewAt: Date | null;
  /** The last sign-off was invalidated and nobody approved since. */
  invalidated: boolean;
  /** The deployment is back to work after a reviewer's rejection. */
  rejected: boolean;
  /** Its template version makes open HIGH items block the gate. */
  highBlocksGate: boolean;
  /** Reviewer groups the version needs that no standing approval covers (each group a
   * distinct approver; lib/signoff/approver-groups.ts). */
  unmetGroups: string[];
  /** Open pre-deployment leaves with a waiver awaiting approval. */
  pendingWaivers: number;
  /** Open pre-deployment leaves whose latest waiver expired (and none settles them now). */
  expiredWaivers: number;
};

export type GateRefusal =
  | "CANCELLED"
  | "OPEN_CRITICAL_ITEMS"
  | "OPEN_HIGH_ITEMS"
  | "WAIVER_PENDING"
  | "WAIVER_EXPIRED"
  | "SIGNOFF_INVALIDATED"
  | "REJECTED"
  | "NOT_SUBMITTED"
  | "MISSING_APPROVALS"
  | "REVIEW_EXPIRED";

/** Why the gate refuses, in the order it says so; empty when it would answer 200 (for a
 * signed-off or deployed release). The gate (lib/api/v1/gate.ts) words these. */
export function gateRefusals(readiness: Readiness, facts: SignOffFacts, now: Date): GateRefusal[] {
  const refusals: GateRefusal[] = [];
  const signedOff = isSignedOff(facts.status);
  if (facts.status === "CANCELLED") refusals.push("CANCELLED");
  if (!readiness.ready) refusals.push("OPEN_CRITICAL_ITEMS");
  if (facts.highBlocksGate && readiness.byPriority.HIGH.open > 0) refusals.push("OPEN_HIGH_ITEMS");
  if (facts.expiredWaivers > 0) refusals.push("WAIVER_EXPIRED");
  if (facts.pendingWaivers > 0) refusals.push("WAIVER_PENDING");
  if (facts.invalidated) refusals.push("SIGNOFF_INVALIDATED");
  if (facts.rejected) refusals.push("REJECTED");
  if (notSubmittedStatuses.includes(facts.status)) refusals.push("NOT_SUBMITTED");
  if (
    (facts.status === "READY_FOR_REVIEW" || signedOff) &&
    (facts.approvals < facts.requiredApprovals || facts.unmetGroups.length > 0)
  )
    refusals.push("MISSING_APPROVALS");
  if (signedOff && facts.nextReviewAt && facts.nextReviewAt <= now) refusals.push("REVIEW_EXPIRED");
  return refusals;
}

/** Signed off (not yet deployed) and the gate would answer 200: the overview's "Cleared to ship". */
export function isClearedToShip(readiness: Readiness, facts: SignOffFacts, now: Date): boolean {
  return facts.status === "SIGNED_OFF" && gateRefusals(readiness, facts, now).length === 0;
}
