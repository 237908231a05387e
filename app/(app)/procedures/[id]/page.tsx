import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FinishRunButton } from "@/components/procedures/finish-run-button";
import { SeverityBadge } from "@/components/procedures/severity-badge";
import { StepRow } from "@/components/procedures/step-row";
import { TimelineForm } from "@/components/procedures/timeline-form";
import { ProgressBar } from "@/components/ui/badges";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getRun } from "@/lib/procedures/queries";

export const metadata: Metadata = { title: "Procedure run" };

type Props = { params: Promise<{ id: string }> };

export default async function ProcedureRunPage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const run = await getRun(id);
  if (!run) notFound();
  const canRun = can(user, "procedure:run");
  const active = run.status === "ACTIVE";
  const settled = run.steps.filter((step) => step.status !== "PENDING").length;
  const pending = run.steps.length - settled;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/procedures" className="text-brand-700 hover:underline dark:text-brand-50">
          ← Emergency procedures
        </Link>
      </p>
      <PageHeader
        title={run.title}
        description={`${run.procedure} · ${run.template.name} v${run.template.versionNumber} · started by ${run.startedBy}, ${formatDateTime(run.startedAt)}`}
        actions={
          <div className="flex flex-wrap items-start gap-2">
            <a href={`/api/procedures/${run.id}/export`} download className={buttonStyles.secondary}>
              Export Markdown
            </a>
            {active && canRun ? <FinishRunButton runId={run.id} pendingSteps={pending} /> : null}
          </div>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        <SeverityBadge severity={run.severity} />
        {active ? (
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 dark:bg-red-950 dark:text-red-200">
            Active
          </span>
        ) : (
          <span
            role="status"
            className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
          >
            Finished {formatDateTime(run.finishedAt)}
            {run.finishedBy ? ` by ${run.finishedBy}` : ""}
          </span>
        )}
        <div className="flex min-w-48 flex-1 items-center gap-2">
          <ProgressBar
            percent={run.steps.length ? Math.round((settled / run.steps.length) * 100) : 0}
            label="Steps settled"
            tone={active ? "red" : "slate"}
          />
          <span className="shrink-0 text-xs tabular-nums" data-testid="run-progress">
            {settled}/{run.steps.length} steps settled
          </span>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="steps-heading" className={`${cardStyles} p-4`}>
          <h2 id="steps-heading" className="text-base font-semibold">
            Steps
          </h2>
          <ol className="divide-y divide-slate-100 dark:divide-slate-800">
            {run.steps.map((step) => (
              <StepRow key={step.position} runId={run.id} step={step} canAct={active && canRun} />
            ))}
          </ol>
        </section>

        <section aria-labelledby="timeline-heading" className={`${cardStyles} p-4`}>
          <h2 id="timeline-heading" className="text-base font-semibold">
            Timeline
          </h2>
          {run.timeline.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              No entries yet. Note what happened and what was decided as you go; the export puts it in order with the
              steps.
            </p>
          ) : (
            <ol className="mt-2 space-y-2 text-sm">
              {run.timeline.map((entry) => (
                <li key={entry.id} data-timeline-entry>
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    {formatDateTime(entry.createdAt)} · {entry.author}
                  </div>
                  <p className="whitespace-pre-wrap">{entry.body}</p>
                </li>
              ))}
            </ol>
          )}
          {canRun ? <TimelineForm runId={run.id} /> : null}
        </section>
      </div>
    </>
  );
}
