// A reviewer records that a template was reviewed: last reviewed is now, the next review
// is after the template's interval (its latest version's) unless they choose another day,
// which must be after today and within twice the interval (lib/signoff/review-dates.ts).
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import { reviewDayProblem } from "@/lib/signoff/review-dates";
import { markTemplateReviewedSchema } from "@/lib/templates/schemas";

const DAY_MS = 86_400_000;

export type TemplateReview = { lastReviewedAt: Date; nextReviewAt: Date; reviewerId: string };

export async function markTemplateReviewed(
  actor: Actor | null,
  input: z.input<typeof markTemplateReviewedSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<TemplateReview> {
  requirePermission(actor, "template:review");
  const data = parseInput(markTemplateReviewedSchema, input);
  const now = options?.now ?? new Date();
  return dbOf(options).$transaction(async (tx) => {
    const template = await tx.template.findFirst({
      where: { id: data.templateId, archivedAt: null },
      select: {
        lastReviewedAt: true,
        nextReviewAt: true,
        reviewerId: true,
        versions: { orderBy: { number: "desc" }, take: 1, select: { reviewIntervalDays: true } },
      },
    });
    if (!template) throw new AppError("NOT_FOUND", "That template does not exist.");
    const interval = template.versions[0]!.reviewIntervalDays;
    // A chosen day is a calendar day (UTC): tomorrow at the earliest, within the bound.
    const problem = data.nextReviewAt === undefined ? null : reviewDayProblem(data.nextReviewAt, interval, now);
    if (problem) throw invalidField("nextReviewAt", problem);
    const review: TemplateReview = {
      lastReviewedAt: now,
      nextReviewAt: data.nextReviewAt
        ? new Date(`${data.nextReviewAt}T00:00:00Z`)
        : new Date(now.getTime() + interval * DAY_MS),
      // An assigned reviewer stays assigned when someone else stands in; a template
      // without one gets the person who reviewed it. The audit event names who did.
      reviewerId: template.reviewerId ?? actor.id,
    };
    await tx.template.update({ where: { id: data.templateId }, data: review });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "template.review",
      entityType: "Template",
      entityId: data.templateId,
      before: {
        lastReviewedAt: template.lastReviewedAt?.toISOString() ?? null,
        nextReviewAt: template.nextReviewAt?.toISOString() ?? null,
        reviewerId: template.reviewerId,
      },
      after: {
        lastReviewedAt: review.lastReviewedAt.toISOString(),
        nextReviewAt: review.nextReviewAt.toISOString(),
        reviewerId: review.reviewerId,
        intervalDays: data.nextReviewAt ? null : interval,
      },
    });
    return review;
  });
}
