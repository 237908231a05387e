import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { listTemplates } from "@/lib/templates/queries";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const user = await requireUser();
  const templates = await listTemplates();
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
      {templates.length === 0 ? (
        <EmptyState title="No templates yet">Import a Markdown checklist to create the first one.</EmptyState>
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
