import Link from "next/link";
import { ProgressBar, VerdictBadge } from "@/components/ui/badges";
import { cardStyles } from "@/components/ui/styles";
import type { DeploymentRow } from "@/lib/deployments/list-deployments";
import { statusLabels } from "@/lib/deployments/lifecycle";
import { formatDate } from "@/lib/format";

const priorities = [
  { key: "CRITICAL", label: "Critical", tone: "red" },
  { key: "HIGH", label: "High", tone: "orange" },
  { key: "RECOMMENDED", label: "Recommended", tone: "yellow" },
] as const;

export function DeploymentsTable({ rows, total }: { rows: DeploymentRow[]; total: number }) {
  return (
    <div className={`${cardStyles} overflow-x-auto`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Deployments, {total} in all</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">
              Deployment
            </th>
            <th scope="col" className="px-4 py-2">
              Verdict
            </th>
            <th scope="col" className="px-4 py-2">
              Progress by priority
            </th>
            <th scope="col" className="px-4 py-2">
              Sign-off
            </th>
            <th scope="col" className="px-4 py-2">
              Owner
            </th>
            <th scope="col" className="px-4 py-2">
              Target
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.id} data-testid="deployment-row">
              <td className="px-4 py-3">
                <Link
                  href={`/deployments/${row.id}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                >
                  {row.service} {row.version}
                </Link>
                <div className="text-xs text-slate-600 dark:text-slate-400">
                  {row.environment} · {row.template.name} v{row.template.version}
                </div>
              </td>
              <td className="px-4 py-3">
                <VerdictBadge verdict={row.readiness.verdict} />
                <div className="mt-1 text-xs tabular-nums text-slate-600 dark:text-slate-400">
                  {row.readiness.score}%
                </div>
              </td>
              <td className="min-w-56 space-y-1 px-4 py-3">
                {priorities
                  .filter(({ key }) => row.readiness.byPriority[key].total > 0)
                  .map(({ key, label, tone }) => {
                    const progress = row.readiness.byPriority[key];
                    return (
                      <div key={key} className="grid grid-cols-[6.5rem_1fr_3rem] items-center gap-2 text-xs">
                        <span>{label}</span>
                        <ProgressBar
                          percent={progress.percent}
                          label={`${label} items of ${row.service} ${row.version}`}
                          tone={tone}
                        />
                        <span className="tabular-nums text-slate-600 dark:text-slate-400">
                          {progress.total - progress.open}/{progress.total}
                        </span>
                      </div>
                    );
                  })}
              </td>
              <td className="px-4 py-3">
                {statusLabels[row.status as keyof typeof statusLabels]}
                {row.status === "DEPLOYED" && row.verification.total > 0 ? (
                  <div
                    data-testid="row-verification"
                    className="text-xs tabular-nums text-slate-600 dark:text-slate-400"
                  >
                    verification {row.verification.total - row.verification.open}/{row.verification.total}
                  </div>
                ) : null}
              </td>
              <td className="px-4 py-3">{row.owner.name}</td>
              <td className="px-4 py-3 whitespace-nowrap">
                {formatDate(row.targetDate)}
                {row.missedTarget ? (
                  <span
                    data-testid="missed-target"
                    className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200"
                  >
                    Missed
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
