import Link from "next/link";
import { cardStyles } from "@/components/ui/styles";
import { formatDate } from "@/lib/format";
import type { DeploymentReminder, TemplateReminder } from "@/lib/maintenance/reminders";
import { REMINDER_HORIZON_DAYS } from "@/lib/maintenance/reminders";

type Props = { templates: TemplateReminder[]; deployments: DeploymentReminder[] };

/** Templates due for their periodic review and signed-off deployments due for re-certification. */
export function ReviewReminders({ templates, deployments }: Props) {
  return (
    <section aria-labelledby="reminders-heading" className={`${cardStyles} space-y-3 p-4 text-sm`}>
      <h2 id="reminders-heading" className="text-base font-semibold">
        Review reminders
      </h2>
      {templates.length === 0 && deployments.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">
          Nothing is due for review in the next {REMINDER_HORIZON_DAYS} days.
        </p>
      ) : null}
      {templates.length ? (
        <div>
          <h3 className="font-medium">Templates to review</h3>
          <ul className="mt-1 space-y-1">
            {templates.map((template) => (
              <li key={template.id}>
                <Link
                  href={`/templates/${template.id}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                >
                  {template.name}
                </Link>{" "}
                <Due at={template.nextReviewAt} overdue={template.overdue} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {deployments.length ? (
        <div>
          <h3 className="font-medium">Deployments to re-certify</h3>
          <ul className="mt-1 space-y-1">
            {deployments.map((deployment) => (
              <li key={deployment.id}>
                <Link
                  href={`/deployments/${deployment.id}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                >
                  Re-certify {deployment.service} {deployment.version}
                </Link>{" "}
                <span className="text-slate-600 dark:text-slate-400">
                  ({deployment.environment}, approved by {deployment.approvedBy})
                </span>{" "}
                <Due at={deployment.nextReviewAt} overdue={deployment.overdue} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Due({ at, overdue }: { at: Date; overdue: boolean }) {
  return overdue ? (
    <span className="font-semibold text-red-700 dark:text-red-400">overdue since {formatDate(at)}</span>
  ) : (
    <span className="text-slate-600 dark:text-slate-400">due {formatDate(at)}</span>
  );
}
