import Link from "next/link";
import { MaintenanceChart } from "@/components/overview/maintenance-chart";
import { ReadinessChart } from "@/components/overview/readiness-chart";
import { EmptyState } from "@/components/ui/empty-state";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { maintenanceCompletion, readinessTrends } from "@/lib/overview/chart-data";

type Props = { filters: DeploymentFilters; filtered: boolean; canCreate: boolean };

/** The overview's charts: aggregate queries (none per item or task), streamed after the list (see the page's Suspense). */
export async function TrendsSection({ filters, filtered, canCreate }: Props) {
  const [series, maintenance] = await Promise.all([readinessTrends(filters), maintenanceCompletion()]);
  return (
    <section aria-labelledby="trends-title" className="mt-10">
      <h2 id="trends-title" className="mb-4 text-lg font-semibold">
        Trends
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {series.length ? (
          <ReadinessChart series={series} />
        ) : (
          <EmptyState title={filtered ? "No release matches these filters" : "No releases to chart yet"}>
            {filtered
              ? "Clear a filter to see readiness over time."
              : canCreate
                ? "Create a deployment from a template to see readiness over time: open a template and choose “New deployment”."
                : "Readiness over time appears here once someone creates a deployment from a template."}
          </EmptyState>
        )}
        {maintenance.months.length ? (
          <MaintenanceChart months={maintenance.months} timeZone={maintenance.timeZone} />
        ) : (
          <EmptyState title="No maintenance lists in the last 12 months">
            Set up a maintenance schedule on the{" "}
            <Link href="/maintenance" className="font-medium text-brand-600 underline dark:text-brand-50">
              Maintenance page
            </Link>
            ; each period&apos;s task list and how much of it was done on time appear here.
          </EmptyState>
        )}
      </div>
    </section>
  );
}

export function TrendsFallback() {
  return (
    <section aria-label="Trends (loading)" aria-busy="true" className="mt-10">
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="h-96 animate-pulse rounded-xl bg-slate-200/60 dark:bg-slate-800/60" />
        <div className="h-96 animate-pulse rounded-xl bg-slate-200/60 dark:bg-slate-800/60" />
      </div>
    </section>
  );
}
