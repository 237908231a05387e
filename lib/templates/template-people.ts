// Who may own or review a template: the rule setTemplatePeople enforces and the page's
// choices follow, in one place.
import "server-only";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** An owner keeps the template current: anyone active who works on deployments. */
const ownerWhere = { active: true, role: { not: "VIEWER" } } satisfies Prisma.UserWhereInput;
/** A reviewer may mark it reviewed ("template:review"). */
const reviewerWhere = { active: true, role: { in: ["REVIEWER", "ADMIN"] } } satisfies Prisma.UserWhereInput;

export function canOwnTemplate(user: { active: boolean; role: string }): boolean {
  return user.active && user.role !== "VIEWER";
}

export function canReviewTemplate(user: { active: boolean; role: string }): boolean {
  return user.active && (user.role === "REVIEWER" || user.role === "ADMIN");
}

export type PersonChoice = { id: string; name: string };

/** The people the template page offers as owner and as reviewer. */
export async function listTemplatePeopleChoices(
  options?: DomainOptions,
): Promise<{ owners: PersonChoice[]; reviewers: PersonChoice[] }> {
  const db = dbOf(options);
  const select = { id: true, name: true } as const;
  const [owners, reviewers] = await Promise.all([
    db.user.findMany({ where: ownerWhere, orderBy: { name: "asc" }, select }),
    db.user.findMany({ where: reviewerWhere, orderBy: { name: "asc" }, select }),
  ]);
  return { owners, reviewers };
}
