// The deployments list: filters, search, a page at a time, with readiness per row.
import { deploymentHeadSelect } from "@/lib/deployments/deployment-head";
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Readiness, Verification } from "@/lib/checklists/readiness";
import { progressByDeployment } from "@/lib/deployments/readiness-query";
import { parseInput } from "@/lib/actions/parse-input";
import { deploymentFiltersSchema, type DeploymentFilters } from "@/lib/deployments/schemas";
import { activeStatuses } from "@/lib/deployments/lifecycle";

export const DEPLOYMENTS_PAGE_SIZE = 25;

export type DeploymentRow = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: string;
  targetDate: Date | null;
  updatedAt: Date;
  owner: { id: string; name: string };
  template: { name: string; version: number };
  /** Pre-deployment items: the gate. */
  readiness: Readiness;
  /** Post-deployment verification, ticked after the go-live. */
  verification: Verification;
};

const orderings: Record<NonNullable<DeploymentFilters["sort"]>, Prisma.DeploymentOrderByWithRelationInput[]> = {
  target: [{ targetDate: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
  service: [{ service: "asc" }, { environment: "asc" }, { createdAt: "desc" }],
  status: [{ status: "asc" }, { targetDate: { sort: "asc", nulls: "last" } }],
  updated: [{ updatedAt: "desc" }],
};

const finished: Prisma.DeploymentWhereInput = { status: { in: [...activeStatuses] } };

/** Deployed, with a post-deployment verification item still open. */
export const verificationOpen: Prisma.DeploymentWhereInput = {
  status: "DEPLOYED",
  itemStates: { some: { status: "OPEN", item: { section: { kind: "POST_DEPLOYMENT" } } } },
};

/** Most rows one export returns; a larger result is cut, and the caller says so. */
export const EXPORT_LIMIT = 10_000;

/** `activeOnly`: leave out deployed and cancelled ones (the overview) unless a status or the
 * open verification is asked for. `all`: every matching row (exports). `page` is the page
 * read: the one asked for, or the last one when that is past the end. */
export async function listDeployments(
  filters: DeploymentFilters,
  options: { activeOnly?: boolean; all?: boolean } = {},
): Promise<{ rows: DeploymentRow[]; total: number; page: number; pageCount: number }> {
  const where: Prisma.DeploymentWhereInput = {
    AND: [
      ...(options.activeOnly && !filters.status && !filters.verification ? [finished] : []),
      ...(filters.verification === "open" ? [verificationOpen] : []),
    ],
    service: filters.service ? { equals: filters.service, mode: "insensitive" } : undefined,
    environment: filters.environment ? { equals: filters.environment, mode: "insensitive" } : undefined,
    ownerId: filters.owner,
    status: filters.status,
    OR: filters.q
      ? [
          { service: { contains: filters.q, mode: "insensitive" } },
          { environment: { contains: filters.q, mode: "insensitive" } },
          { version: { contains: filters.q, mode: "insensitive" } },
        ]
      : undefined,
  };
  const readPage = (page: number) =>
    db.deployment.findMany({
      where,
      orderBy: orderings[filters.sort ?? "target"],
      skip: options.all ? 0 : (page - 1) * DEPLOYMENTS_PAGE_SIZE,
      take: options.all ? EXPORT_LIMIT : DEPLOYMENTS_PAGE_SIZE,
      select: {
        ...deploymentHeadSelect,
        templateVersion: { select: { number: true, template: { select: { name: true } } } },
      },
    });
  const [total, requested] = await Promise.all([db.deployment.count({ where }), readPage(filters.page)]);
  const pageCount = Math.max(1, Math.ceil(total / DEPLOYMENTS_PAGE_SIZE));
  // A page past the last one (an old link, a hand-typed ?page=999) shows the last page, so
  // the list never says "none" beside a total. Read again only then: the usual page is read
  // beside the count, not after it.
  const page = options.all ? 1 : Math.min(filters.page, pageCount);
  const deployments = page === filters.page || options.all ? requested : await readPage(page);
  const progress = await progressByDeployment(deployments.map((d) => d.id));
  const rows = deployments.map(({ templateVersion, ...d }) => ({
    ...d,
    template: { name: templateVersion.template.name, version: templateVersion.number },
    ...progress.get(d.id)!,
  }));
  return { rows, total, page, pageCount };
}

export type DeploymentsPage = { deployments: DeploymentRow[]; page: number; pageCount: number; total: number };

/** One page of the deployments list for API callers; `query` is the query string, parsed
 * with the overview's filter schema (a bad filter is a 400 naming it). A page past the last
 * answers the last page, with its number. */
export async function listDeploymentsPage(query: unknown): Promise<DeploymentsPage> {
  const filters = parseInput(deploymentFiltersSchema, query);
  const { rows, total, page, pageCount } = await listDeployments(filters);
  return { deployments: rows, page, pageCount, total };
}

/** Distinct services, environments and owners, for the filter menus. */
export async function deploymentFacets(): Promise<{
  services: string[];
  environments: string[];
  owners: { id: string; name: string }[];
}> {
  const [services, environments, owners] = await Promise.all([
    // groupBy runs as GROUP BY in Postgres; findMany's `distinct` would de-duplicate in memory.
    db.deployment.groupBy({ by: ["service"], orderBy: { service: "asc" }, take: 200 }),
    db.deployment.groupBy({ by: ["environment"], orderBy: { environment: "asc" }, take: 100 }),
    db.user.findMany({
      where: { ownedDeployments: { some: {} } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 200,
    }),
  ]);
  return { services: services.map((s) => s.service), environments: environments.map((e) => e.environment), owners };
}
