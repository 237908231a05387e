import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { FailuresTable } from "@/components/jobs/failures-table";
import { QueuesTable } from "@/components/jobs/queues-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { readJobsOverview, RECENT_FAILURES } from "@/lib/jobs/admin";

export const metadata: Metadata = { title: "Background jobs" };

export default async function JobsPage() {
  const user = await requireUser();
  if (!can(user, "settings:manage")) forbidden();
  const { queues, failures, runner, lastTickAt } = await readJobsOverview(user);
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Webhook delivery, the maintenance tick, review reminders and audit retention run on a job queue in PostgreSQL, in every Preflight server and in any worker process (npm run worker); each job runs once, in one of them."
        actions={
          <Link href="/admin" className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300">
            Back to administration
          </Link>
        }
      />
      <div className="space-y-8">
        <p className="text-sm" data-testid="runner-status">
          {runner?.running
            ? `This server runs a job runner (since ${formatDateTime(runner.startedAt)}).`
            : "This server runs no job runner; jobs run only in the other instances or workers."}{" "}
          {lastTickAt
            ? `The maintenance tick last completed ${formatDateTime(lastTickAt)}.`
            : "The maintenance tick has not completed yet."}
        </p>
        <section aria-labelledby="queues-heading" className="space-y-3">
          <h2 id="queues-heading" className="text-lg font-semibold">
            Queues
          </h2>
          <QueuesTable queues={queues} />
        </section>
        <section aria-labelledby="failures-heading" className="space-y-3">
          <h2 id="failures-heading" className="text-lg font-semibold">
            Recent failures
          </h2>
          {failures.length === 0 ? (
            <EmptyState title="No failed jobs">
              <p>A job that fails after its retries is listed here, newest first, with its error, for a week.</p>
            </EmptyState>
          ) : (
            <>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                The newest {RECENT_FAILURES} at most. Retry puts a job back on its queue for one more run; a webhook
                delivery also gets a fresh round of attempts.
              </p>
              <FailuresTable failures={failures} />
            </>
          )}
        </section>
      </div>
    </>
  );
}
