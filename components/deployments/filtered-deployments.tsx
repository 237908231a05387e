import { DeploymentFiltersForm } from "@/components/deployments/filters-form";
import { DeploymentsTable } from "@/components/deployments/deployments-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { deploymentFacets, listDeployments } from "@/lib/deployments/list-deployments";
import { isFiltered, type ParsedFilters } from "@/lib/deployments/parse-filters";

type Props = { parsed: ParsedFilters; activeOnly?: boolean; emptyHint: string };

/** Filters (in the URL), the table and pagination: shared by the overview and the deployments list. */
export async function FilteredDeployments({ parsed, activeOnly = false, emptyHint }: Props) {
  const { filters, raw, problem } = parsed;
  const [{ rows, total, page, pageCount }, facets] = await Promise.all([
    listDeployments(filters, { activeOnly }),
    deploymentFacets(),
  ]);
  const filtered = isFiltered(filters);
  const exportQuery = new URLSearchParams(
    Object.entries(raw).filter((entry): entry is [string, string] => Boolean(entry[1]) && entry[0] !== "page"),
  );
  if (!activeOnly) exportQuery.set("scope", "all");
  return (
    <>
      {problem ? (
        <p
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Ignored the filters in the address: {problem}.
        </p>
      ) : null}
      {/* Keyed by the filters: a link to another filtered view (a card) remounts the form, whose
          fields hold their values as defaults, so it shows the filters now applied. */}
      <DeploymentFiltersForm key={JSON.stringify(filters)} filters={filters} facets={facets} />
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No deployment matches these filters" : "No deployments yet"}>
          {filtered ? "Clear a filter to see more." : emptyHint}
        </EmptyState>
      ) : (
        <DeploymentsTable rows={rows} total={total} />
      )}
      <div className="mt-2 flex items-center justify-between text-sm text-slate-600 dark:text-slate-400">
        <span>
          {total} deployment{total === 1 ? "" : "s"}
        </span>
        {total > 0 ? (
          <a className="font-medium text-brand-600 underline" href={`/deployments/export.csv?${exportQuery}`}>
            Export CSV
          </a>
        ) : null}
      </div>
      <Pagination page={page} pageCount={pageCount} params={raw} />
    </>
  );
}
