import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { listTemplates } from "@/lib/templates/queries";
import { REMINDER_HORIZON_DAYS } from "@/lib/deployments/due-dates";

export const metadata: Metadata = { title: "Templates" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TemplatesPage({ searchParams }: Props) {
  const user = await requireUser();
  // One filter: `review=due` (the overview's "Templates due for review"); anything else lists all.
  const reviewDue = (await searchParams).review === "due";
  const templates = await listTemplates({ reviewDue });
  const importAction = can(user, "template:import") ? (
    <Link href="/templates/import" className={buttonStyles.primary}>
      Import Markdown
    </Link>
  ) : null;
  return (
    <>
      <PageHeader
        title="Templates"
        description="Readiness checklists your deployments are run against."
        actions={importAction}
      />
      <nav aria-label="Template filters" className="mb-4 flex gap-2 text-sm">
        <FilterLink href="/templates" active={!reviewDue}>
          All
        </FilterLink>
        <FilterLink href="/templates?review=due" active={reviewDue}>
          Due for review ({REMINDER_HORIZON_DAYS} days)
        </FilterLink>
      </nav>
      {templates.length === 0 ? (
        reviewDue ? (
          <EmptyState title="No template is due for review">
            Every template’s next review is more than {REMINDER_HORIZON_DAYS} days away.
          </EmptyState>
        ) : (
          <EmptyState title="No templates yet">Import a Markdown checklist to create the first one.</EmptyState>
        )
      ) : (
        <ul className={`divide-y divide-slate-200 dark:divide-slate-800 ${cardStyles}`}>
          {templates.map((template) => (
            <li key={template.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <Link
                  href={`/templates/${template.id}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                >
                  {template.name}
                </Link>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  v{template.latestVersion} · {template.deployments} deployment{template.deployments === 1 ? "" : "s"}
                  {template.owner ? ` · owner ${template.owner}` : ""}
                </p>
              </div>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {template.needsReview ? (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                    Needs review
                  </span>
                ) : template.reviewDueSoon && template.nextReviewAt ? (
                  <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-800 dark:bg-slate-800 dark:text-amber-200">
                    Review due {formatDate(template.nextReviewAt)}
                  </span>
                ) : template.nextReviewAt ? (
                  `Next review ${formatDate(template.nextReviewAt)}`
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function FilterLink({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-full px-3 py-1 ${
        active
          ? "bg-brand-600 text-white"
          : "border border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
      }`}
    >
      {children}
    </Link>
  );
}
