// Review reminders: templates due for their periodic review, and signed-off deployments
// whose approval is due for re-certification, within the next 14 days or already past.
import "server-only";
import { db } from "@/lib/db";
import { reviewDueWhere, reviewHorizon, templateReviewDueWhere } from "@/lib/deployments/due-dates";

export { REMINDER_HORIZON_DAYS } from "@/lib/deployments/due-dates";

export type TemplateReminder = { id: string; name: string; nextReviewAt: Date; overdue: boolean };
export type DeploymentReminder = {
  id: string;
  service: string;
  environment: string;
  version: string;
  nextReviewAt: Date;
  overdue: boolean;
  approvedBy: string;
};

export async function getReviewReminders(
  now = new Date(),
): Promise<{ templates: TemplateReminder[]; deployments: DeploymentReminder[] }> {
  const horizon = reviewHorizon(now);
  const [templates, deployments] = await Promise.all([
    db.template.findMany({
      where: templateReviewDueWhere(now),
      orderBy: { nextReviewAt: "asc" },
      select: { id: true, name: true, nextReviewAt: true },
    }),
    db.deployment.findMany({
      where: reviewDueWhere(now),
      select: {
        id: true,
        service: true,
        environment: true,
        version: true,
        // The earliest review date among the standing approvals decides, as the gate's
        // REVIEW_EXPIRED does: one passed date is enough to re-review.
        signOffs: {
          where: { decision: "APPROVED", invalidatedAt: null, nextReviewAt: { not: null } },
          orderBy: { nextReviewAt: "asc" },
          take: 1,
          select: { nextReviewAt: true, reviewer: { select: { name: true } } },
        },
      },
    }),
  ]);
  return {
    templates: templates.map((t) => ({
      id: t.id,
      name: t.name,
      nextReviewAt: t.nextReviewAt!,
      overdue: t.nextReviewAt! < now,
    })),
    deployments: deployments
      .flatMap((d) => {
        const latest = d.signOffs[0];
        if (!latest?.nextReviewAt || latest.nextReviewAt > horizon) return [];
        return [
          {
            id: d.id,
            service: d.service,
            environment: d.environment,
            version: d.version,
            nextReviewAt: latest.nextReviewAt,
            overdue: latest.nextReviewAt < now,
            approvedBy: latest.reviewer.name,
          },
        ];
      })
      .sort((a, b) => a.nextReviewAt.getTime() - b.nextReviewAt.getTime()),
  };
}
