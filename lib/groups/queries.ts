// What the group admin and the template editor read, and who may be a member.
import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GroupChoice } from "@/lib/groups/schemas";

/** Members approve deployments, so they must be able to ("deployment:review"). */
const memberWhere = { active: true, role: { in: ["REVIEWER", "ADMIN"] } } satisfies Prisma.UserWhereInput;

export function canJoinReviewerGroup(user: { active: boolean; role: string }): boolean {
  return user.active && (user.role === "REVIEWER" || user.role === "ADMIN");
}

export type GroupMemberRow = { id: string; name: string; email: string; role: Role; active: boolean };

export type GroupListRow = {
  id: string;
  slug: string;
  name: string;
  /** By name. A member demoted or deactivated since stays listed (flagged by the page). */
  members: GroupMemberRow[];
  /** Template versions that name the group, for the whole checklist or a section. */
  versionCount: number;
};

export async function listGroups(actor: Actor | null, options?: DomainOptions): Promise<GroupListRow[]> {
  requirePermission(actor, "user:manage");
  const db = dbOf(options);
  const [groups, counts] = await Promise.all([
    db.reviewerGroup.findMany({
      orderBy: { slug: "asc" },
      select: {
        id: true,
        slug: true,
        name: true,
        members: {
          orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
          select: { user: { select: { id: true, name: true, email: true, role: true, active: true } } },
        },
      },
    }),
    db.$queryRaw<{ groupId: string; count: number }[]>`
      SELECT "groupId", COUNT(DISTINCT "versionId")::int AS count FROM (
        SELECT "approverGroupId" AS "groupId", id AS "versionId" FROM "TemplateVersion" WHERE "approverGroupId" IS NOT NULL
        UNION ALL
        SELECT "approverGroupId", "templateVersionId" FROM "Section" WHERE "approverGroupId" IS NOT NULL
      ) used GROUP BY 1`,
  ]);
  const byGroup = new Map(counts.map((row) => [row.groupId, row.count]));
  return groups.map(({ members, ...group }) => ({
    ...group,
    members: members.map((m) => m.user),
    versionCount: byGroup.get(group.id) ?? 0,
  }));
}

export type PersonChoice = { id: string; name: string; email: string };

/** Who the admin page offers as a member: active reviewers and admins. */
export async function listEligibleMembers(actor: Actor | null, options?: DomainOptions): Promise<PersonChoice[]> {
  requirePermission(actor, "user:manage");
  return dbOf(options).user.findMany({
    where: memberWhere,
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true },
  });
}

/** The groups a template's editor offers; the editor page checks "template:edit". */
export async function listGroupChoices(options?: DomainOptions): Promise<GroupChoice[]> {
  return dbOf(options).reviewerGroup.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } });
}
