import { formatDate } from "@/lib/format";
import { waiverPhase, waiverPhaseLabels, type WaiverView } from "@/lib/waivers/rules";

const tones = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  active: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  expired: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  rejected: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  revoked: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
} as const;

/** One line under an item: where its waiver stands. */
export function WaiverBadge({ waiver, now }: { waiver: WaiverView; now?: Date }) {
  const phase = waiverPhase(waiver, now);
  const detail =
    phase === "pending"
      ? ` · ${waiver.approvals.length} of ${waiver.requiredApprovals} approval${waiver.requiredApprovals === 1 ? "" : "s"}`
      : phase === "active"
        ? ` until ${formatDate(waiver.expiresAt)}`
        : phase === "expired"
          ? ` on ${formatDate(waiver.expiresAt)}`
          : "";
  return (
    <span
      data-waiver={phase}
      className={`mt-1 inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${tones[phase]}`}
    >
      {waiverPhaseLabels[phase]}
      {detail}
    </span>
  );
}
