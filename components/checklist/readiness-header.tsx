import { ProgressBar, VerdictBadge } from "@/components/ui/badges";
import type { Readiness, Verification } from "@/lib/checklists/readiness";

const rows = [
  { key: "CRITICAL", label: "Critical", tone: "red" },
  { key: "HIGH", label: "High", tone: "orange" },
  { key: "RECOMMENDED", label: "Recommended", tone: "yellow" },
  { key: "NONE", label: "No priority", tone: "slate" },
] as const;

/** Sticky summary: the verdict, the readiness percentage and progress per priority
 * (pre-deployment items), then the verification after the go-live, always in view while
 * ticking. */
export function ReadinessHeader({ readiness, verification }: { readiness: Readiness; verification: Verification }) {
  const verified = verification.total - verification.open;
  return (
    <div className="sticky top-0 z-10 -mx-4 mb-4 border-b border-slate-200 bg-slate-50/95 px-4 py-3 backdrop-blur dark:border-slate-800 dark:bg-slate-950/95">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <div className="flex items-center gap-2" aria-live="polite">
          <span className="text-sm font-medium">Verdict</span>
          <VerdictBadge verdict={readiness.verdict} />
          <span className="text-sm tabular-nums text-slate-600 dark:text-slate-400" data-testid="score">
            {readiness.score}% ready
          </span>
        </div>
        {rows
          .filter(({ key }) => readiness.byPriority[key].total > 0)
          .map(({ key, label, tone }) => {
            const progress = readiness.byPriority[key];
            return (
              <div key={key} className="min-w-40 flex-1" data-testid={`progress-${key}`}>
                <div className="flex justify-between text-xs">
                  <span className="font-medium">{label}</span>
                  <span className="tabular-nums text-slate-600 dark:text-slate-400">
                    {progress.total - progress.open}/{progress.total}
                  </span>
                </div>
                <ProgressBar percent={progress.percent} label={`${label} items settled`} tone={tone} />
              </div>
            );
          })}
        {verification.total > 0 ? (
          <div className="min-w-40 flex-1" data-testid="verification-progress">
            <div className="flex justify-between gap-2 text-xs">
              <span className="font-medium">Verification after go-live</span>
              <span className="tabular-nums text-slate-600 dark:text-slate-400">
                {verified} of {verification.total}
              </span>
            </div>
            <ProgressBar percent={verification.percent} label="Post-deployment verification items settled" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
