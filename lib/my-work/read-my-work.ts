// My work: what is open for the signed-in person, each row linking to the exact place to act.
// A fixed number of statements whatever the data (one per section, plus the organisation's
// time zone and the sign-off facts of the person's own deployments).
import "server-only";
import type { Actor } from "@/lib/auth/policy";
import { plainText } from "@/lib/checklists/plain-text";
import { readerOf, type ReadOptions } from "@/lib/db";
import { calendarDay } from "@/lib/deployments/due-dates";
import type { DeploymentStatus } from "@/lib/deployments/lifecycle";
import type { Cadence, Priority, SectionKind, Severity } from "@/lib/generated/prisma/enums";
import { periodLabel } from "@/lib/maintenance/periods";
import { scopeLabel } from "@/lib/maintenance/schemas";
import { readOrgTimeZone } from "@/lib/maintenance/time-zone";
import { reviewRemindersFor, type ReviewReminder } from "@/lib/reminders/review-reminders";
import { deploymentsNeedingMe, type DeploymentNeedingMe } from "@/lib/my-work/my-deployments";
import {
  activeRunsWhere,
  assignedItemsWhere,
  awaitingReviewWhere,
  maintenanceTasksWhere,
  type MyWorkSection,
  myWorkSections,
  pendingWaiversWhere,
  requireSignedIn,
} from "@/lib/my-work/rules";
import { activeApprovals } from "@/lib/signoff/locked-deployment";

type DeploymentName = { id: string; service: string; environment: string; version: string };

export type AssignedItem = {
  id: string;
  /** Plain text: Markdown read as a person hears it. */
  text: string;
  section: { title: string; kind: SectionKind; priority: Priority | null };
  deployment: DeploymentName & { status: DeploymentStatus };
  href: string;
};

export type ReviewRequest = DeploymentName & {
  owner: string;
  submittedAt: Date | null;
  targetDate: Date | null;
  approvals: number;
  requiredApprovals: number;
  href: string;
};

export type WaiverRequest = {
  id: string;
  text: string;
  priority: Priority | null;
  reason: string;
  expiresAt: Date;
  requiredApprovals: number;
  approvals: number;
  requestedBy: string;
  deployment: DeploymentName;
  href: string;
};

export type OwnDeployment = DeploymentNeedingMe & { href: string };

export type MaintenanceTaskRow = {
  id: string;
  text: string;
  assignedToMe: boolean;
  list: { id: string; label: string; title: string; cadence: Cadence; scope: string; dueAt: Date; overdue: boolean };
  href: string;
};

export type ActiveRunRow = {
  id: string;
  title: string;
  severity: Severity;
  procedure: string;
  startedAt: Date;
  pending: number;
  href: string;
};

export type MyWork = {
  /** The sections that apply to the person's role, in the page's order. */
  sections: MyWorkSection[];
  items: AssignedItem[];
  reviews: ReviewRequest[];
  waivers: WaiverRequest[];
  deployments: OwnDeployment[];
  reminders: ReviewReminder[];
  maintenance: MaintenanceTaskRow[];
  procedures: ActiveRunRow[];
  /** Every row above: what the header's badge counts. */
  total: number;
};

/** The checklist with the item focused (the page reads `?item=`). */
export function itemHref(deploymentId: string, itemKey: string): string {
  return `/deployments/${deploymentId}?item=${encodeURIComponent(itemKey)}`;
}

/** The task inside its list on the maintenance board (ids on the list card and task row). */
export function maintenanceTaskHref(taskId: string): string {
  return `/maintenance#task-${taskId}`;
}

export async function readMyWork(actor: Actor | null, now = new Date(), options?: ReadOptions): Promise<MyWork> {
  requireSignedIn(actor);
  const client = readerOf(options);
  const sections = myWorkSections(actor);
  const applies = (section: MyWorkSection) => sections.includes(section);
  const none = Promise.resolve([]);
  const zone = readOrgTimeZone(client);

  const [timeZone, itemStates, reviews, waivers, deployments, reminders, tasks, runs] = await Promise.all([
    zone,
    applies("items")
      ? client.itemState.findMany({
          where: assignedItemsWhere(actor),
          orderBy: [
            { deployment: { service: "asc" } },
            { deployment: { environment: "asc" } },
            { deployment: { createdAt: "asc" } },
            { item: { section: { position: "asc" } } },
            { item: { position: "asc" } },
          ],
          select: {
            id: true,
            item: {
              select: { key: true, text: true, section: { select: { title: true, kind: true, priority: true } } },
            },
            deployment: { select: { id: true, service: true, environment: true, version: true, status: true } },
          },
        })
      : none,
    applies("reviews")
      ? client.deployment.findMany({
          where: awaitingReviewWhere(actor),
          // Waiting longest first.
          orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
          select: {
            id: true,
            service: true,
            environment: true,
            version: true,
            submittedAt: true,
            targetDate: true,
            owner: { select: { name: true } },
            templateVersion: { select: { requiredApprovals: true } },
            _count: { select: { signOffs: { where: activeApprovals } } },
          },
        })
      : none,
    applies("waivers")
      ? client.waiver.findMany({
          where: pendingWaiversWhere(actor),
          // Waiting longest first.
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            itemKey: true,
            itemText: true,
            priority: true,
            reason: true,
            expiresAt: true,
            requiredApprovals: true,
            requestedBy: { select: { name: true } },
            deployment: { select: { id: true, service: true, environment: true, version: true } },
            _count: { select: { approvals: true } },
          },
        })
      : none,
    applies("deployments") ? zone.then((tz) => deploymentsNeedingMe(actor, calendarDay(now, tz), client)) : none,
    applies("reminders") ? reviewRemindersFor(actor.id, now, { db: client }) : none,
    applies("maintenance")
      ? client.maintenanceTask.findMany({
          where: maintenanceTasksWhere(actor, now),
          orderBy: [{ occurrence: { dueAt: "asc" } }, { item: { depth: "asc" } }, { item: { position: "asc" } }],
          select: {
            id: true,
            assigneeId: true,
            item: { select: { text: true } },
            occurrence: {
              select: {
                id: true,
                periodStart: true,
                dueAt: true,
                schedule: { select: { cadence: true, scopeKey: true, section: { select: { title: true } } } },
              },
            },
          },
        })
      : none,
    applies("procedures")
      ? client.procedureRun.findMany({
          where: activeRunsWhere,
          // As the banner lists them: the most severe first.
          orderBy: [{ severity: "asc" }, { startedAt: "desc" }],
          select: {
            id: true,
            title: true,
            severity: true,
            startedAt: true,
            section: { select: { title: true } },
            _count: { select: { steps: { where: { status: "PENDING" } } } },
          },
        })
      : none,
  ]);

  const work: Omit<MyWork, "total"> = {
    sections,
    items: itemStates.map((state) => ({
      id: state.id,
      text: plainText(state.item.text),
      section: state.item.section,
      deployment: state.deployment,
      href: itemHref(state.deployment.id, state.item.key),
    })),
    reviews: reviews.map(({ owner, templateVersion, _count, ...deployment }) => ({
      ...deployment,
      owner: owner.name,
      approvals: _count.signOffs,
      requiredApprovals: templateVersion.requiredApprovals,
      href: `/deployments/${deployment.id}`,
    })),
    waivers: waivers.map(({ requestedBy, _count, deployment, itemKey, itemText, ...waiver }) => ({
      ...waiver,
      text: plainText(itemText),
      requestedBy: requestedBy.name,
      approvals: _count.approvals,
      deployment,
      href: itemHref(deployment.id, itemKey),
    })),
    deployments: deployments.map((deployment) => ({ ...deployment, href: `/deployments/${deployment.id}` })),
    reminders,
    maintenance: tasks.map((task) => {
      const { occurrence } = task;
      return {
        id: task.id,
        text: plainText(task.item.text),
        assignedToMe: task.assigneeId === actor.id,
        list: {
          id: occurrence.id,
          label: periodLabel(occurrence.schedule.cadence, occurrence.periodStart, timeZone),
          title: occurrence.schedule.section.title,
          cadence: occurrence.schedule.cadence,
          scope: scopeLabel(occurrence.schedule.scopeKey),
          dueAt: occurrence.dueAt,
          overdue: occurrence.dueAt <= now,
        },
        href: maintenanceTaskHref(task.id),
      };
    }),
    procedures: runs.map(({ section, _count, ...run }) => ({
      ...run,
      procedure: section.title,
      pending: _count.steps,
      href: `/procedures/${run.id}`,
    })),
  };
  const total =
    work.items.length +
    work.reviews.length +
    work.waivers.length +
    work.deployments.length +
    work.reminders.length +
    work.maintenance.length +
    work.procedures.length;
  return { ...work, total };
}
