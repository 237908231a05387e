import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Templates" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export default async function TemplatesPage() {
  await requireUser();
  const templates = await db.template.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, reviewIntervalDays: true, nextReviewAt: true, updatedAt: true, _count: { select: { versions: true } } },
  });
  return (
    <>
      <PageHeader title="Templates" description="Readiness checklists your deployments are run against." />
      {templates.length === 0 ? (
        <EmptyState title="No templates yet">Import a Markdown checklist to create the first one.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {templates.map((template) => (
            <li key={template.id} className="flex flex-wrap items-center justify-between gap-2 p-4">
              <span className="font-medium">{template.name}</span>
              <span className="text-sm text-slate-600 dark:text-slate-400">
                {template._count.versions} version{template._count.versions === 1 ? "" : "s"} · review every {template.reviewIntervalDays} days
                {template.nextReviewAt ? ` · next review ${dateFormat.format(template.nextReviewAt)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
