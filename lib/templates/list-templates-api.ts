// The templates a pipeline can start a deployment from: every template that is not
// archived, with the version `POST /api/v1/deployments` uses when given the template.
import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import type { Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** No filters yet: the list is short. Unknown parameters are ignored, as everywhere in /api/v1. */
export const templatesQuery = z.object({});

export type TemplateListEntry = {
  id: string;
  slug: string;
  name: string;
  latestVersion: { id: string; number: number; requiredApprovals: number; reviewIntervalDays: number };
};

/** Every signed-in role may read templates (a viewer sees them in the app too). */
export async function listTemplatesForApi(
  actor: Actor | null,
  query: unknown,
  options?: DomainOptions,
): Promise<{ templates: TemplateListEntry[] }> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  parseInput(templatesQuery, query);
  const rows = await dbOf(options).template.findMany({
    where: { archivedAt: null, versions: { some: {} } },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true, requiredApprovals: true, reviewIntervalDays: true },
      },
    },
  });
  return {
    templates: rows.map(({ versions, ...template }) => ({ ...template, latestVersion: versions[0]! })),
  };
}
