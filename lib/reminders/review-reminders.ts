// Review reminders: templates due for their periodic review and signed-off deployments whose
// approval is due for re-review, within the 14-day window or past it (lib/deployments/due-dates.ts
// defines both). Shown on My work of the people concerned — a template's owner and reviewer,
// a deployment's owner and approvers — and sent once per review date as the "review.due"
// webhook event by the "review-reminders" job.
import "server-only";
import { readerOf, type DbClient, type ReadOptions } from "@/lib/db";
import { reviewDueWhere, templateReviewDueWhere } from "@/lib/deployments/due-dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeApprovals } from "@/lib/signoff/locked-deployment";
import { appUrl, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

type Person = { id: string; name: string };

export type TemplateReviewReminder = {
  kind: "template";
  /** What "sent once" is kept by: the thing and its review date. */
  key: string;
  dueAt: Date;
  overdue: boolean;
  template: { id: string; name: string };
  owner: Person | null;
  reviewer: Person | null;
  href: string;
};

export type SignOffReviewReminder = {
  kind: "signoff";
  key: string;
  /** The earliest review date among the standing approvals: it decides, as the gate's REVIEW_EXPIRED does. */
  dueAt: Date;
  overdue: boolean;
  deployment: { id: string; service: string; environment: string; version: string };
  owner: Person;
  approvers: Person[];
  href: string;
};

export type ReviewReminder = TemplateReviewReminder | SignOffReviewReminder;

const person = { select: { id: true, name: true } } as const;

/** Templates due at `now`; with `userId`, those they own or review. */
function templatesDue(now: Date, userId: string | null): Prisma.TemplateWhereInput {
  const mine: Prisma.TemplateWhereInput = userId ? { OR: [{ ownerId: userId }, { reviewerId: userId }] } : {};
  return { AND: [templateReviewDueWhere(now), mine] };
}

/** Signed-off deployments due at `now` (some standing approval's date within the window, so
 * the earliest is too); with `userId`, those they own or hold a standing approval on. */
function deploymentsDue(now: Date, userId: string | null): Prisma.DeploymentWhereInput {
  const mine: Prisma.DeploymentWhereInput = userId
    ? { OR: [{ ownerId: userId }, { signOffs: { some: { ...activeApprovals, reviewerId: userId } } }] }
    : {};
  return { AND: [reviewDueWhere(now), mine] };
}

/** Every reminder due at `now`, or only those of `userId`; soonest first. Two statements. */
async function dueReminders(now: Date, userId: string | null, options?: ReadOptions): Promise<ReviewReminder[]> {
  const client = readerOf(options);
  const [templates, deployments] = await Promise.all([
    client.template.findMany({
      where: templatesDue(now, userId),
      select: { id: true, name: true, nextReviewAt: true, owner: person, reviewer: person },
    }),
    client.deployment.findMany({
      where: deploymentsDue(now, userId),
      select: {
        id: true,
        service: true,
        environment: true,
        version: true,
        owner: person,
        signOffs: {
          where: activeApprovals,
          orderBy: { nextReviewAt: { sort: "asc", nulls: "last" } },
          select: { nextReviewAt: true, reviewer: person },
        },
      },
    }),
  ]);
  const reminders: ReviewReminder[] = [
    ...templates.map(({ nextReviewAt, ...template }): TemplateReviewReminder => {
      const dueAt = nextReviewAt!;
      return {
        kind: "template",
        key: `template:${template.id}:${dueAt.toISOString()}`,
        dueAt,
        overdue: dueAt < now,
        template: { id: template.id, name: template.name },
        owner: template.owner,
        reviewer: template.reviewer,
        href: `/templates/${template.id}`,
      };
    }),
    ...deployments.flatMap(({ signOffs, owner, ...deployment }): SignOffReviewReminder[] => {
      // The where clause found a standing approval due, so the earliest (first) is one.
      const dueAt = signOffs[0]?.nextReviewAt;
      if (!dueAt) return [];
      return [
        {
          kind: "signoff",
          key: `signoff:${deployment.id}:${dueAt.toISOString()}`,
          dueAt,
          overdue: dueAt < now,
          deployment,
          owner,
          approvers: signOffs.map((signOff) => signOff.reviewer),
          href: `/deployments/${deployment.id}`,
        },
      ];
    }),
  ];
  return reminders.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The reminders My work shows `userId`: templates they own or review, deployments they own or approved. */
export function reviewRemindersFor(userId: string, now = new Date(), options?: ReadOptions): Promise<ReviewReminder[]> {
  return dueReminders(now, userId, options);
}

/** How many reminders My work shows `userId` (the header's count): two count statements. */
export async function countReviewRemindersFor(
  userId: string,
  now = new Date(),
  options?: ReadOptions,
): Promise<number> {
  const client = readerOf(options);
  const [templates, deployments] = await Promise.all([
    client.template.count({ where: templatesDue(now, userId) }),
    client.deployment.count({ where: deploymentsDue(now, userId) }),
  ]);
  return templates + deployments;
}

export type ReminderRunSummary = { due: number; deliveriesQueued: number };

/**
 * The "review-reminders" job: queues "review.due" for every due reminder. Each reaches each
 * webhook once (the delivery id comes from the reminder's key and the webhook), so the next
 * run, or a second runner at the same moment, queues nothing again.
 */
export async function queueReviewReminders(options: { db: DbClient; now?: Date }): Promise<ReminderRunSummary> {
  const { db, now = new Date() } = options;
  const reminders = await dueReminders(now, null, { db });
  let deliveriesQueued = 0;
  for (const reminder of reminders) {
    deliveriesQueued += await db.$transaction((tx) =>
      enqueueWebhookEvent(tx, "REVIEW_DUE", reviewDuePayload(reminder, now), now, { once: reminder.key }),
    );
  }
  return { due: reminders.length, deliveriesQueued };
}

function reviewDuePayload(reminder: ReviewReminder, now: Date): Record<string, Prisma.InputJsonValue> {
  const review = {
    kind: reminder.kind,
    dueAt: reminder.dueAt.toISOString(),
    overdue: reminder.dueAt < now,
    url: appUrl(reminder.href),
  };
  if (reminder.kind === "template")
    return { review, template: { ...reminder.template, owner: reminder.owner, reviewer: reminder.reviewer } };
  return { review, deployment: { ...reminder.deployment, owner: reminder.owner }, approvers: reminder.approvers };
}
