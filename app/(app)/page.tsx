import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireUser();
  const [deployments, templates] = await Promise.all([db.deployment.count(), db.template.count({ where: { archivedAt: null } })]);
  return (
    <>
      <PageHeader title="Readiness overview" description="Every active deployment, its gate and its sign-off, on one page." />
      <dl className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="Deployments" value={deployments} />
        <Stat label="Templates" value={templates} />
      </dl>
      {deployments === 0 ? (
        <EmptyState title="No deployments yet">
          Start from a checklist template: open <Link className="font-medium text-brand-600 underline" href="/templates">Templates</Link>.
        </EmptyState>
      ) : null}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
