import Link from "next/link";
import { rowLinkStyles, rowMetaStyles, Tag, WorkRow, WorkSection } from "@/components/my-work/work-section";
import { SeverityBadge } from "@/components/procedures/severity-badge";
import { PriorityBadge } from "@/components/ui/badges";
import { statusLabels } from "@/lib/deployments/lifecycle";
import { formatDate, formatDateTime } from "@/lib/format";
import type { AttentionReason } from "@/lib/my-work/my-deployments";
import type { ReviewReminder } from "@/lib/reminders/review-reminders";
import type {
  ActiveRunRow,
  AssignedItem,
  MaintenanceTaskRow,
  OwnDeployment,
  ReviewRequest,
  WaiverRequest,
} from "@/lib/my-work/read-my-work";
import { cadenceLabels } from "@/lib/templates/labels";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function AssignedItems({ items }: { items: AssignedItem[] }) {
  return (
    <WorkSection
      id="items"
      title="Items assigned to you"
      count={items.length}
      empty="Nothing assigned to you. Items someone assigns to you on a checklist appear here until they are done or not applicable."
    >
      {items.map((item) => (
        <WorkRow key={item.id}>
          <Link href={item.href} className={`${rowLinkStyles} flex-1`}>
            {item.text}
            {/* Told apart from the same item of another deployment when links are listed. */}
            <span className="sr-only">
              {" "}
              in {item.deployment.service} {item.deployment.version} ({item.deployment.environment})
            </span>
          </Link>
          <PriorityBadge priority={item.section.priority} />
          {item.section.kind === "POST_DEPLOYMENT" ? <Tag tone="slate">Verification</Tag> : null}
          <p className={rowMetaStyles}>
            {item.deployment.service} {item.deployment.version} · {item.deployment.environment} · {item.section.title} ·{" "}
            {statusLabels[item.deployment.status]}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

export function ReviewRequests({ reviews }: { reviews: ReviewRequest[] }) {
  return (
    <WorkSection
      id="reviews"
      title="Awaiting your review"
      count={reviews.length}
      empty="Nothing awaits your review. Deployments submitted for review appear here, except those you worked on and those you have already approved."
    >
      {reviews.map((review) => (
        <WorkRow key={review.id}>
          <Link href={review.href} className={`${rowLinkStyles} flex-1`}>
            {review.service} {review.version}
          </Link>
          {review.requiredApprovals > 1 ? (
            <Tag tone="slate">
              {review.approvals} of {review.requiredApprovals} approvals
            </Tag>
          ) : null}
          <p className={rowMetaStyles}>
            {review.environment} · owner {review.owner}
            {review.submittedAt ? ` · submitted ${formatDateTime(review.submittedAt)}` : ""}
            {review.targetDate ? ` · target ${formatDate(review.targetDate)}` : ""}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

export function WaiverRequests({ waivers }: { waivers: WaiverRequest[] }) {
  return (
    <WorkSection
      id="waivers"
      title="Waivers awaiting your approval"
      count={waivers.length}
      empty="No waiver awaits you. Waivers asked for on deployments you did not work on appear here until they are decided."
    >
      {waivers.map((waiver) => (
        <WorkRow key={waiver.id}>
          <Link href={waiver.href} className={`${rowLinkStyles} flex-1`}>
            {waiver.text}
            <span className="sr-only">
              {" "}
              in {waiver.deployment.service} {waiver.deployment.version} ({waiver.deployment.environment})
            </span>
          </Link>
          <PriorityBadge priority={waiver.priority} />
          {waiver.requiredApprovals > 1 ? (
            <Tag tone="slate">
              {waiver.approvals} of {waiver.requiredApprovals} approvals
            </Tag>
          ) : null}
          <p className={rowMetaStyles}>
            {waiver.deployment.service} {waiver.deployment.version} · {waiver.deployment.environment} · asked by{" "}
            {waiver.requestedBy} · until {formatDate(waiver.expiresAt)} · {waiver.reason}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

const reasonTags: Record<AttentionReason, { label: string; tone: "red" | "amber" }> = {
  REJECTED: { label: "Rejected", tone: "red" },
  SIGNOFF_INVALIDATED: { label: "Sign-off invalidated", tone: "red" },
  MISSED_TARGET: { label: "Missed target date", tone: "amber" },
  WAIVER_EXPIRED: { label: "Waiver expired", tone: "red" },
};

export function OwnDeployments({ deployments }: { deployments: OwnDeployment[] }) {
  return (
    <WorkSection
      id="deployments"
      title="Your deployments that need you"
      count={deployments.length}
      empty="None of your deployments needs you: none is rejected, has an invalidated sign-off or is past its target date."
    >
      {deployments.map((deployment) => (
        <WorkRow key={deployment.id}>
          <Link href={deployment.href} className={`${rowLinkStyles} flex-1`}>
            {deployment.service} {deployment.version}
          </Link>
          {deployment.reasons.map((reason) => (
            <Tag key={reason} tone={reasonTags[reason].tone}>
              {reasonTags[reason].label}
            </Tag>
          ))}
          <p className={rowMetaStyles}>
            {deployment.environment} · {statusLabels[deployment.status]}
            {deployment.targetDate ? ` · target ${formatDate(deployment.targetDate)}` : ""}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

export function ReviewReminders({ reminders }: { reminders: ReviewReminder[] }) {
  return (
    <WorkSection
      id="reminders"
      title="Reviews coming due"
      description="Templates you own or review, and deployments you own or approved, whose review date is within 14 days or past."
      count={reminders.length}
      empty="No review is coming due: none of your templates or approved deployments has a review date within 14 days."
    >
      {reminders.map((reminder) => (
        <WorkRow key={reminder.key}>
          <Link href={reminder.href} className={`${rowLinkStyles} flex-1`}>
            {reminder.kind === "template"
              ? reminder.template.name
              : `${reminder.deployment.service} ${reminder.deployment.version}`}
          </Link>
          {reminder.overdue ? <Tag tone="red">Review overdue</Tag> : <Tag tone="amber">Review due</Tag>}
          <p className={rowMetaStyles}>
            {reminder.kind === "template"
              ? "Template review"
              : `Sign-off re-review · ${reminder.deployment.environment}`}{" "}
            · due {formatDate(reminder.dueAt)}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

export function MaintenanceTasks({ tasks }: { tasks: MaintenanceTaskRow[] }) {
  return (
    <WorkSection
      id="maintenance"
      title="Maintenance tasks"
      description="Yours, and unassigned ones anyone may pick up."
      count={tasks.length}
      empty="No maintenance task is waiting: this period’s and overdue lists have nothing open that is yours or unassigned."
    >
      {tasks.map((task) => (
        <WorkRow key={task.id}>
          <Link href={task.href} className={`${rowLinkStyles} flex-1`}>
            {task.text}
            <span className="sr-only">
              {" "}
              in {task.list.title}, {task.list.label}
            </span>
          </Link>
          {task.list.overdue ? <Tag tone="red">Overdue</Tag> : null}
          <Tag tone="slate">{task.assignedToMe ? "Assigned to you" : "Unassigned"}</Tag>
          <p className={rowMetaStyles}>
            {task.list.title} ({cadenceLabels[task.list.cadence]}) · {task.list.scope} · {task.list.label} · due{" "}
            {formatDateTime(task.list.dueAt)}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}

export function ActiveRuns({ runs }: { runs: ActiveRunRow[] }) {
  return (
    <WorkSection
      id="procedures"
      title="Active procedure runs"
      description="An incident is everyone’s until its run is finished."
      count={runs.length}
      empty="No procedure is running."
    >
      {runs.map((run) => (
        <WorkRow key={run.id}>
          <SeverityBadge severity={run.severity} />
          <Link href={run.href} className={`${rowLinkStyles} flex-1`}>
            {run.title}
          </Link>
          <Tag tone="slate">{plural(run.pending, "step")} pending</Tag>
          <p className={rowMetaStyles}>
            {run.procedure} · started {formatDateTime(run.startedAt)}
          </p>
        </WorkRow>
      ))}
    </WorkSection>
  );
}
