import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { DeploymentFilters } from "@/lib/deployments/schemas";
import { deploymentStatuses, statusLabels } from "@/lib/deployments/lifecycle";
import { verdictLabels, verdicts } from "@/lib/checklists/readiness";

/** A plain GET form: the filters live in the URL, so a filtered view can be shared. */
type Facets = { services: string[]; environments: string[]; owners: { id: string; name: string }[] };

const sorts: [string, string][] = [
  ["verdict", "Verdict (No-go first)"],
  ["missed", "Missed target first"],
  ["service", "Service"],
  ["status", "Status"],
  ["updated", "Recently updated"],
];

export function DeploymentFiltersForm({
  filters,
  facets,
  action,
}: {
  filters: DeploymentFilters;
  facets: Facets;
  action?: string;
}) {
  return (
    <form
      role="search"
      aria-label="Filter deployments"
      className="mb-4 flex flex-wrap items-end gap-3"
      method="get"
      action={action}
    >
      <label className="text-sm">
        <span className="mb-1 block font-medium">Search</span>
        <input
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          placeholder="Service, environment or version"
          className={inputStyles}
        />
      </label>
      <Select name="service" label="Service" value={filters.service} options={facets.services.map((s) => [s, s])} />
      <Select
        name="environment"
        label="Environment"
        value={filters.environment}
        options={facets.environments.map((e) => [e, e])}
      />
      <Select
        name="status"
        label="Status"
        value={filters.status}
        options={deploymentStatuses.map((s) => [s, statusLabels[s]])}
      />
      <Select
        name="verification"
        label="Verification"
        value={filters.verification}
        options={[["open", "Deployed, verification open"]]}
        allLabel="Any"
      />
      <Select
        name="verdict"
        label="Verdict"
        value={filters.verdict}
        options={verdicts.map((v) => [v, verdictLabels[v]])}
      />
      <Select
        name="signoff"
        label="Sign-off"
        value={filters.signoff}
        options={[
          ["cleared", "Cleared to ship"],
          ["due", "Due for re-review"],
        ]}
        allLabel="Any"
      />
      <Select
        name="target"
        label="Target date"
        value={filters.target}
        options={[["missed", "Missed"]]}
        allLabel="Any"
      />
      <Select name="owner" label="Owner" value={filters.owner} options={facets.owners.map((o) => [o.id, o.name])} />
      <Select name="sort" label="Sort by" value={filters.sort} options={sorts} allLabel="Target date" />
      <button type="submit" className={buttonStyles.secondary}>
        Apply
      </button>
    </form>
  );
}

function Select({
  name,
  label,
  value,
  options,
  allLabel = "All",
}: {
  name: string;
  label: string;
  value?: string;
  options: [string, string][];
  allLabel?: string;
}) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={inputStyles}>
        <option value="">{allLabel}</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  );
}
