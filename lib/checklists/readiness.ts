// Readiness of one checklist, from counts of its pre-deployment leaf items per priority
// (post-deployment verification has its own progress and never holds the gate). Pure, so
// the list query can aggregate in SQL and feed the same function the checklist page uses.
import type { Priority } from "@/lib/generated/prisma/enums";

export type PriorityKey = Priority | "NONE";
export type Counts = { total: number; done: number; notApplicable: number };
export type ReadinessCounts = Partial<Record<PriorityKey, Counts>>;

export type Verdict = "GO" | "GO_WITH_RISKS" | "NO_GO";
export type PriorityProgress = Counts & { open: number; percent: number };

export type Readiness = {
  /** The gate: every CRITICAL leaf is DONE or NOT_APPLICABLE (with a reason, enforced on write). */
  ready: boolean;
  verdict: Verdict;
  /** 0–100, CRITICAL weighing more than HIGH, HIGH more than RECOMMENDED. */
  score: number;
  byPriority: Record<PriorityKey, PriorityProgress>;
};

export const priorityOrder: PriorityKey[] = ["CRITICAL", "HIGH", "RECOMMENDED", "NONE"];
export const priorityWeights: Record<PriorityKey, number> = { CRITICAL: 8, HIGH: 4, RECOMMENDED: 2, NONE: 1 };

export function computeReadiness(counts: ReadinessCounts): Readiness {
  const byPriority = Object.fromEntries(priorityOrder.map((key) => [key, progressOf(counts[key])])) as Record<
    PriorityKey,
    PriorityProgress
  >;
  let weighted = 0;
  let weightedTotal = 0;
  for (const key of priorityOrder) {
    const progress = byPriority[key];
    weighted += priorityWeights[key] * (progress.done + progress.notApplicable);
    weightedTotal += priorityWeights[key] * progress.total;
  }
  const ready = byPriority.CRITICAL.open === 0;
  const verdict: Verdict = !ready ? "NO_GO" : byPriority.HIGH.open > 0 ? "GO_WITH_RISKS" : "GO";
  const score = weightedTotal === 0 ? 100 : Math.floor((weighted / weightedTotal) * 100);
  return { ready, verdict, score, byPriority };
}

function progressOf(counts: Counts | undefined): PriorityProgress {
  const { total = 0, done = 0, notApplicable = 0 } = counts ?? {};
  const open = total - done - notApplicable;
  return {
    total,
    done,
    notApplicable,
    open,
    percent: total === 0 ? 100 : Math.floor(((done + notApplicable) / total) * 100),
  };
}

/** Post-deployment verification: checked after the go-live, outside the gate and the digest. */
export type Verification = Counts & { open: number };

export function computeVerification(counts: Partial<Counts> = {}): Verification {
  const { total = 0, done = 0, notApplicable = 0 } = counts;
  return { total, done, notApplicable, open: total - done - notApplicable };
}

export const verdictLabels: Record<Verdict, string> = { GO: "Go", GO_WITH_RISKS: "Go with risks", NO_GO: "No-go" };
