import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { deploymentStatuses, type DeploymentFilters } from "@/lib/deployments/schemas";
import { statusLabels } from "@/lib/deployments/status";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared. */
export function DeploymentFiltersForm({ filters, facets }: { filters: DeploymentFilters; facets: { services: string[]; environments: string[] } }) {
  return (
    <form role="search" aria-label="Filter deployments" className="mb-4 flex flex-wrap items-end gap-3" method="get">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Search</span>
        <input type="search" name="q" defaultValue={filters.q ?? ""} placeholder="Service, environment or version" className={inputStyles} />
      </label>
      <Select name="service" label="Service" value={filters.service} options={facets.services.map((s) => [s, s])} />
      <Select name="environment" label="Environment" value={filters.environment} options={facets.environments.map((e) => [e, e])} />
      <Select name="status" label="Status" value={filters.status} options={deploymentStatuses.map((s) => [s, statusLabels[s]])} />
      <button type="submit" className={buttonStyles.secondary}>
        Apply
      </button>
    </form>
  );
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={inputStyles}>
        <option value="">All</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
