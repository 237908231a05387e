// What the checklist page shows about review: approvals that count, the last rejection,
// the last invalidation (the banner) and the footer fields.
import "server-only";
import type { ContributionSummary } from "@/lib/auth/policy";
import { readerOf, type ReadOptions } from "@/lib/db";
import { requiredGroups, unmetGroups } from "@/lib/signoff/approver-groups";
import { contributorsOf } from "@/lib/signoff/contributions";

export type SignOffView = {
  requiredApprovals: number;
  reviewIntervalDays: number;
  /** Reviewer groups the version needs an approval from (one distinct member each). */
  requiredGroups: string[];
  /** Of those, the groups no standing approval covers yet. */
  unmetGroups: string[];
  approvals: {
    id: string;
    reviewer: { id: string; name: string };
    createdAt: string;
    comment: string;
    nextReviewAt: string | null;
    /** The groups the reviewer was in when approving. */
    groups: string[];
  }[];
  rejection: { reviewer: string; createdAt: string; comment: string } | null;
  invalidation: { by: string | null; at: string; reason: string } | null;
  footer: { reviewedBy: string | null; lastUpdated: string; nextReview: string | null };
  /** Who worked on the deployment (the contribution record), by name; none of them may approve it. */
  contributors: { user: { id: string; name: string }; summary: ContributionSummary }[];
};

export async function loadSignOffView(
  deploymentId: string,
  status: string,
  lastChange: Date,
  options?: ReadOptions,
): Promise<SignOffView> {
  const db = readerOf(options);
  const [{ ownerId, templateVersionId, ...template }, signOffs] = await Promise.all([
    db.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: {
        ownerId: true,
        templateVersionId: true,
        templateVersion: { select: { requiredApprovals: true, reviewIntervalDays: true } },
      },
    }),
    db.signOff.findMany({
      where: { deploymentId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        decision: true,
        comment: true,
        createdAt: true,
        nextReviewAt: true,
        groups: true,
        invalidatedAt: true,
        invalidationReason: true,
        reviewer: { select: { id: true, name: true } },
        invalidatedBy: { select: { name: true } },
      },
    }),
  ]);
  const [contributions, required] = await Promise.all([
    contributorsOf(db, deploymentId, ownerId),
    requiredGroups(db, templateVersionId),
  ]);
  const people = await db.user.findMany({
    where: { id: { in: [...contributions.keys()] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const approvals = signOffs.filter((s) => s.decision === "APPROVED" && !s.invalidatedAt);
  const latestDecision = signOffs[0];
  const rejection =
    latestDecision?.decision === "REJECTED" && (status === "REJECTED" || status === "IN_PROGRESS")
      ? latestDecision
      : null;
  const invalidated = signOffs
    .filter((s) => s.decision === "APPROVED" && s.invalidatedAt && s.invalidationReason !== "Rejected by a reviewer")
    .sort((a, b) => b.invalidatedAt!.getTime() - a.invalidatedAt!.getTime())[0];
  const showInvalidation =
    invalidated && approvals.every((a) => a.createdAt < invalidated.invalidatedAt!) && !rejection;
  const newest = approvals[0];
  return {
    ...template.templateVersion,
    approvals: approvals.map((a) => ({
      id: a.id,
      reviewer: a.reviewer,
      createdAt: a.createdAt.toISOString(),
      comment: a.comment,
      nextReviewAt: a.nextReviewAt?.toISOString() ?? null,
      groups: a.groups,
    })),
    requiredGroups: required,
    unmetGroups: unmetGroups(
      required,
      approvals.map((a) => ({ reviewerId: a.reviewer.id, groups: a.groups })),
    ),
    rejection: rejection
      ? { reviewer: rejection.reviewer.name, createdAt: rejection.createdAt.toISOString(), comment: rejection.comment }
      : null,
    invalidation: showInvalidation
      ? {
          by: invalidated.invalidatedBy?.name ?? null,
          at: invalidated.invalidatedAt!.toISOString(),
          reason: invalidated.invalidationReason ?? "",
        }
      : null,
    footer: {
      reviewedBy: approvals.length ? approvals.map((a) => a.reviewer.name).join(", ") : null,
      lastUpdated: lastChange.toISOString(),
      nextReview: newest?.nextReviewAt?.toISOString() ?? null,
    },
    contributors: people.map((user) => ({ user, summary: contributions.get(user.id)! })),
  };
}
