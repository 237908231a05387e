// Review reminders: templates due for their periodic review, and signed-off deployments
// whose approval is due for re-certification, within the next 14 days or already past.
import "server-only";
import { addDays } from "date-fns";
import { db } from "@/lib/db";
import { signedOffStatuses } from "@/lib/deployments/lifecycle";

export const REMINDER_HORIZON_DAYS = 14;

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
  const horizon = addDays(now, REMINDER_HORIZON_DAYS);
  const [templates, deployments] = await Promise.all([
    db.template.findMany({
      where: { archivedAt: null, nextReviewAt: { lte: horizon } },
      orderBy: { nextReviewAt: "asc" },
      select: { id: true, name: true, nextReviewAt: true },
    }),
    db.deployment.findMany({
      where: {
        status: { in: [...signedOffStatuses] },
        signOffs: { some: { decision: "APPROVED", invalidatedAt: null, nextReviewAt: { lte: horizon } } },
      },
      select: {
        id: true,
        service: true,
        environment: true,
        version: true,
        // Only the latest active approval counts: an older one that is due does not matter
        // when a later approval moved the review date on.
        signOffs: {
          where: { decision: "APPROVED", invalidatedAt: null },
          orderBy: { createdAt: "desc" },
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
