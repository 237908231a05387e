import { deploymentFiltersSchema, type DeploymentFilters } from "@/lib/deployments/schemas";

export type ParsedFilters = {
  filters: DeploymentFilters;
  raw: Record<string, string | undefined>;
  problem: string | null;
};

/** Query-string filters; bad values are named in `problem` and the defaults apply. */
export function parseDeploymentFilters(searchParams: Record<string, string | string[] | undefined>): ParsedFilters {
  const raw = Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = deploymentFiltersSchema.safeParse(raw);
  if (parsed.success) return { filters: parsed.data, raw, problem: null };
  const problem = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join("; ");
  return { filters: deploymentFiltersSchema.parse({}), raw, problem };
}

/** The filters that narrow which deployments a list shows (not its order or page). */
export const narrowingFilters = [
  "q",
  "service",
  "environment",
  "status",
  "owner",
  "verification",
  "verdict",
  "signoff",
  "target",
] as const satisfies readonly (keyof DeploymentFilters)[];

/** Whether a list is narrowed: its empty state says "no match" rather than "none yet". */
export function isFiltered(filters: DeploymentFilters): boolean {
  return narrowingFilters.some((key) => filters[key] !== undefined);
}
