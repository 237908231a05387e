import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/procedures/severity-badge";
import { StartRunForm } from "@/components/procedures/start-run-form";
import { ProgressBar } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listLatestSections, preselectedSection } from "@/lib/maintenance/latest-sections";
import { listRuns, type RunSummary } from "@/lib/procedures/queries";

export const metadata: Metadata = { title: "Emergency procedures" };

type Props = { searchParams: Promise<{ template?: string | string[]; section?: string | string[] }> };

export default async function ProceduresPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = await searchParams;
  const canRun = can(user, "procedure:run");
  const [runs, procedures] = await Promise.all([
    listRuns(),
    canRun ? listLatestSections("PROCEDURE") : Promise.resolve([]),
  ]);
  const active = runs.filter((run) => run.status === "ACTIVE");
  const finished = runs.filter((run) => run.status === "FINISHED");

  return (
    <>
      <PageHeader
        title="Emergency procedures"
        description="Work through a runbook step by step during an incident; the run’s timeline becomes the post-mortem record."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-8">
          {runs.length === 0 ? (
            <EmptyState title="No procedure runs yet">
              {canRun
                ? "When an incident starts, start a run of its procedure (such as Security Incident Response) with “Start a run”."
                : "Runs appear here when an engineer starts one during an incident."}
            </EmptyState>
          ) : null}
          {active.length ? <RunTable heading="Active runs" runs={active} tone="active" /> : null}
          {finished.length ? <RunTable heading="Finished runs" runs={finished} tone="finished" /> : null}
        </div>
        <aside>
          {!canRun ? null : procedures.length ? (
            <StartRunForm procedures={procedures} defaultSectionId={preselectedSection(procedures, query)} />
          ) : (
            <div className={`${cardStyles} p-4 text-sm`}>
              <h2 className="text-base font-semibold">Start a run</h2>
              <p className="mt-1 text-slate-600 dark:text-slate-400">
                No template has a procedure yet.{" "}
                <Link href="/templates/import" className="text-brand-700 underline dark:text-brand-50">
                  Import a checklist
                </Link>{" "}
                with a numbered list under an “Incident”, “Emergency” or “Runbook” heading.
              </p>
            </div>
          )}
        </aside>
      </div>
    </>
  );
}

function RunTable({ heading, runs, tone }: { heading: string; runs: RunSummary[]; tone: "active" | "finished" }) {
  const id = `${tone}-runs-heading`;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className={`text-lg font-semibold ${tone === "active" ? "text-red-700 dark:text-red-400" : ""}`}>
        {heading} ({runs.length})
      </h2>
      <div className={`${cardStyles} overflow-x-auto ${tone === "active" ? "border-red-300 dark:border-red-800" : ""}`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{heading}</caption>
          <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-4 py-2">
                Run
              </th>
              <th scope="col" className="px-4 py-2">
                Severity
              </th>
              <th scope="col" className="px-4 py-2">
                Steps
              </th>
              <th scope="col" className="px-4 py-2">
                Started
              </th>
              <th scope="col" className="px-4 py-2">
                {tone === "active" ? "Started by" : "Finished"}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {runs.map((run) => (
              <tr key={run.id}>
                <td className="px-4 py-3">
                  <Link
                    href={`/procedures/${run.id}`}
                    className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                  >
                    {run.title}
                  </Link>
                  <div className="text-xs text-slate-600 dark:text-slate-400">{run.procedure}</div>
                </td>
                <td className="px-4 py-3">
                  <SeverityBadge severity={run.severity} />
                </td>
                <td className="w-40 px-4 py-3">
                  <ProgressBar
                    percent={run.total ? Math.round((run.settled / run.total) * 100) : 0}
                    label={`Steps settled in ${run.title}`}
                    tone={tone === "active" ? "red" : "slate"}
                  />
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {run.settled}/{run.total} settled
                  </span>
                </td>
                <td className="px-4 py-3">{formatDateTime(run.startedAt)}</td>
                <td className="px-4 py-3">{tone === "active" ? run.startedBy : formatDateTime(run.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
