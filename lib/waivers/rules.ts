// Waivers: an accepted risk on one open pre-deployment item, with a reason, a compensating
// control or ticket, an expiry, and a reviewer's approval (two for a CRITICAL item, which
// only a template version that allows CRITICAL waivers accepts). Shared by the server and
// the browser: the view, the defaults and the bounds.
import type { Priority, WaiverStatus } from "@/lib/generated/prisma/enums";
import { utcDay } from "@/lib/format";

export const DEFAULT_WAIVER_DAYS = 30;
/** How far ahead the lists look for waivers expiring soon. */
export const WAIVER_EXPIRING_DAYS = 14;

type Person = { id: string; name: string };

export type WaiverView = {
  id: string;
  itemKey: string;
  itemText: string;
  priority: Priority | null;
  status: WaiverStatus;
  reason: string;
  control: string;
  expiresAt: string;
  requestedBy: Person;
  requestedAt: string;
  requiredApprovals: number;
  approvals: { reviewer: Person; comment: string; createdAt: string }[];
  decidedBy: Person | null;
  decisionNote: string | null;
};

/** The longest a waiver may run: the template version's review interval. */
export function maxWaiverDays(reviewIntervalDays: number): number {
  return reviewIntervalDays;
}

/** Two distinct approvers for a CRITICAL item, one otherwise. */
export function approvalsNeeded(priority: Priority | null): number {
  return priority === "CRITICAL" ? 2 : 1;
}

/** What is wrong with `day` (YYYY-MM-DD) as a waiver's last day, or null when it is allowed. */
export function expiryProblem(day: string, reviewIntervalDays: number, now = new Date()): string | null {
  if (day <= utcDay(0, now)) return "A waiver must run until tomorrow at least.";
  const latest = utcDay(maxWaiverDays(reviewIntervalDays), now);
  if (day > latest)
    return `A waiver may run at most ${maxWaiverDays(reviewIntervalDays)} days (the template's review interval): ${latest} at the latest.`;
  return null;
}

/** Where a waiver stands at `now`: an approved one past its expiry is expired already. */
export function waiverPhase(
  waiver: Pick<WaiverView, "status" | "expiresAt">,
  now = new Date(),
): "pending" | "active" | "expired" | "rejected" | "revoked" {
  if (waiver.status === "PENDING") return "pending";
  if (waiver.status === "REJECTED") return "rejected";
  if (waiver.status === "REVOKED") return "revoked";
  return waiver.status === "EXPIRED" || new Date(waiver.expiresAt) <= now ? "expired" : "active";
}

export const waiverPhaseLabels: Record<ReturnType<typeof waiverPhase>, string> = {
  pending: "Waiver pending",
  active: "Waived",
  expired: "Waiver expired",
  rejected: "Waiver rejected",
  revoked: "Waiver revoked",
};
