import type { Metadata } from "next";
import Link from "next/link";
import { DeploymentFiltersForm } from "@/components/deployments/filters-form";
import { Pagination } from "@/components/ui/pagination";
import { ProgressBar, VerdictBadge } from "@/components/ui/badges";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { deploymentFacets, listDeployments } from "@/lib/deployments/list-deployments";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { statusLabels } from "@/lib/deployments/status";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Deployments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = deploymentFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : deploymentFiltersSchema.parse({});
  const problem = parsed.success ? null : parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ");
  const [{ rows, total, pageCount }, facets] = await Promise.all([listDeployments(filters), deploymentFacets()]);

  return (
    <>
      <PageHeader
        title="Deployments"
        description="One checklist per deployment, pinned to a template version."
        actions={can(user, "deployment:create") ? <Link href="/deployments/new" className={buttonStyles.primary}>New deployment</Link> : null}
      />
      {problem ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Ignored the filters in the address: {problem}.
        </p>
      ) : null}
      <DeploymentFiltersForm filters={filters} facets={facets} />
      {rows.length === 0 ? (
        <EmptyState title={total === 0 && !raw.q && !raw.service && !raw.environment && !raw.status ? "No deployments yet" : "No deployment matches these filters"}>
          {can(user, "deployment:create") ? "Create one from a template with “New deployment”." : "Deployments appear here once someone creates one."}
        </EmptyState>
      ) : (
        <div className={`${cardStyles} overflow-x-auto`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Deployments, {total} in all</caption>
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-4 py-2">Deployment</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2">Gate</th>
                <th scope="col" className="px-4 py-2">Progress</th>
                <th scope="col" className="px-4 py-2">Owner</th>
                <th scope="col" className="px-4 py-2">Target</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-3">
                    <Link href={`/deployments/${row.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-50">
                      {row.service} {row.version}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {row.environment} · {row.template.name} v{row.template.version}
                    </div>
                  </td>
                  <td className="px-4 py-3">{statusLabels[row.status as keyof typeof statusLabels]}</td>
                  <td className="px-4 py-3"><VerdictBadge verdict={row.readiness.verdict} /></td>
                  <td className="w-48 px-4 py-3">
                    <ProgressBar percent={row.readiness.score} label={`Readiness of ${row.service} ${row.version}`} />
                    <span className="text-xs text-slate-500">
                      {row.readiness.score}% · critical {row.readiness.byPriority.CRITICAL.total - row.readiness.byPriority.CRITICAL.open}/{row.readiness.byPriority.CRITICAL.total}
                    </span>
                  </td>
                  <td className="px-4 py-3">{row.owner.name}</td>
                  <td className="px-4 py-3">{formatDate(row.targetDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={filters.page} pageCount={pageCount} params={raw} />
    </>
  );
}
