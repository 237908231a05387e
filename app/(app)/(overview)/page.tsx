import type { Metadata } from "next";
import { Suspense } from "react";
import { FilteredDeployments } from "@/components/deployments/filtered-deployments";
import { CountCards } from "@/components/overview/count-cards";
import { TrendsFallback, TrendsSection } from "@/components/overview/trends-section";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { isFiltered, parseDeploymentFilters } from "@/lib/deployments/parse-filters";
import { overviewCounts } from "@/lib/overview/overview-counts";

export const metadata: Metadata = { title: "Overview" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OverviewPage({ searchParams }: Props) {
  const user = await requireUser();
  const parsed = parseDeploymentFilters(await searchParams);
  const filtered = isFiltered(parsed.filters);
  const canCreate = can(user, "deployment:create");
  return (
    <>
      <PageHeader
        title="Readiness overview"
        description="Every active deployment: its verdict, progress by priority and sign-off. The counts follow the filters, which stay in the address, so a view can be shared."
      />
      <CountCards counts={await overviewCounts(parsed.filters)} filters={parsed.filters} filtered={filtered} />
      <FilteredDeployments
        parsed={parsed}
        activeOnly
        emptyHint={
          canCreate
            ? "Open a template and choose “New deployment” to start a checklist."
            : "Deployments appear here once someone creates one."
        }
      />
      {/* Streamed: the charts never hold back the list above them. */}
      <Suspense fallback={<TrendsFallback />}>
        <TrendsSection filters={parsed.filters} filtered={filtered} canCreate={canCreate} />
      </Suspense>
    </>
  );
}
