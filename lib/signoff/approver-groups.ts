// Which reviewer groups a deployment still needs an approval from. A template version names
// a group for the whole checklist and per section; each needs its own approver, a distinct
// member of it. No "server-only": unmetGroups is pure, and the readers take the client or
// transaction they run on.
import type { DbClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = DbClient | Prisma.TransactionClient;

export type GroupApproval = { reviewerId: string; groups: string[] };

/**
 * The required groups (deduplicated, in the order given) that no assignment of approvals can
 * cover, where an approval counts for one group at most, of those its reviewer belonged to,
 * and each group needs a different person. A maximum bipartite matching (augmenting paths,
 * groups tried in order), so the number returned is the fewest possible, and where a choice
 * remains the earlier groups are the ones covered. Several approvals by one person count once.
 */
export function unmetGroups(required: string[], approvals: GroupApproval[]): string[] {
  const groups = [...new Set(required)];
  const groupsByReviewer = new Map<string, Set<string>>();
  for (const { reviewerId, groups: of } of approvals) {
    const set = groupsByReviewer.get(reviewerId) ?? groupsByReviewer.set(reviewerId, new Set()).get(reviewerId)!;
    for (const group of of) set.add(group);
  }
  const candidates = new Map(
    groups.map((group) => [group, [...groupsByReviewer].filter(([, of]) => of.has(group)).map(([id]) => id)]),
  );
  /** reviewerId → the group their approval counts for. */
  const assignedTo = new Map<string, string>();

  function assign(group: string, visited: Set<string>): boolean {
    for (const reviewer of candidates.get(group)!) {
      if (visited.has(reviewer)) continue;
      visited.add(reviewer);
      const current = assignedTo.get(reviewer);
      if (current === undefined || assign(current, visited)) {
        assignedTo.set(reviewer, group);
        return true;
      }
    }
    return false;
  }

  return groups.filter((group) => !assign(group, new Set()));
}

/** The slugs of the groups a version needs: its own (the whole checklist's) first, then its
 * sections' in order, each once. */
export async function requiredGroups(db: Reader, templateVersionId: string): Promise<string[]> {
  const version = await db.templateVersion.findUnique({
    where: { id: templateVersionId },
    select: {
      approverGroup: { select: { slug: true } },
      sections: {
        where: { approverGroupId: { not: null } },
        orderBy: { position: "asc" },
        select: { approverGroup: { select: { slug: true } } },
      },
    },
  });
  if (!version) return [];
  const slugs = [version.approverGroup?.slug, ...version.sections.map((s) => s.approverGroup?.slug)];
  return [...new Set(slugs.filter((slug): slug is string => slug !== undefined))];
}

/** The slugs of the groups the user is a member of, in slug order. */
export async function groupsOfUser(db: Reader, userId: string): Promise<string[]> {
  const memberships = await db.reviewerGroupMember.findMany({
    where: { userId },
    orderBy: { group: { slug: "asc" } },
    select: { group: { select: { slug: true } } },
  });
  return memberships.map((m) => m.group.slug);
}
