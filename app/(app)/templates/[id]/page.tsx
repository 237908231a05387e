import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cadenceLabels, kindLabels } from "@/lib/templates/labels";
import { ItemTree } from "@/components/templates/item-tree";
import { MarkReviewedForm } from "@/components/templates/mark-reviewed-form";
import { TemplatePeopleForm } from "@/components/templates/template-people-form";
import { VersionDiffView } from "@/components/templates/version-diff";
import { PriorityBadge } from "@/components/ui/badges";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { diffStructures } from "@/lib/templates/diff";
import { maxReviewDays } from "@/lib/signoff/review-dates";
import { getTemplateDetail } from "@/lib/templates/queries";
import { listTemplatePeopleChoices } from "@/lib/templates/template-people";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ v?: string }> };

export const metadata: Metadata = { title: "Template" };

export default async function TemplatePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const { v } = await searchParams;
  const versionNumber = v && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : undefined;
  const detail = await getTemplateDetail(id, versionNumber);
  if (!detail) notFound();
  const { version } = detail;
  const isLatest = version.number === detail.versions[0]!.number;
  const canEdit = can(user, "template:edit");
  const canReview = can(user, "template:review");
  const people = canEdit ? await listTemplatePeopleChoices() : null;
  const today = new Date();
  const day = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={version.structure.title}
        description={`Version ${version.number}${isLatest ? " (latest)" : ` of ${detail.versions[0]!.number}`} · review every ${detail.reviewIntervalDays} days · ${detail.requiredApprovals} approval${detail.requiredApprovals === 1 ? "" : "s"} required`}
        actions={
          <div className="flex flex-wrap gap-2">
            {can(user, "deployment:create") ? (
              <Link href={`/deployments/new?templateVersion=${version.id}`} className={buttonStyles.primary}>
                New deployment
              </Link>
            ) : null}
            {isLatest && canEdit ? (
              <Link href={`/templates/${detail.id}/edit`} className={buttonStyles.secondary}>
                Edit
              </Link>
            ) : null}
            <a href={`/templates/${detail.id}/export?v=${version.number}`} className={buttonStyles.secondary}>
              Export Markdown
            </a>
          </div>
        }
      />
      {v !== undefined && versionNumber === undefined ? (
        <p
          role="alert"
          className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          “{v}” is not a version number; showing the latest version.
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-4">
          {detail.previous ? (
            <VersionDiffView
              diff={diffStructures(detail.previous.structure, version.structure)}
              fromVersion={detail.previous.number}
            />
          ) : null}
          {version.structure.sections.map((section, index) => (
            <section key={section.key} aria-label={section.title} className={`${cardStyles} p-4`}>
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="text-base font-semibold">{section.title}</h2>
                <PriorityBadge priority={section.priority} />
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  {kindLabels[section.kind]}
                  {section.cadence ? ` · ${cadenceLabels[section.cadence]}` : ""}
                </span>
                {isLatest && section.kind === "MAINTENANCE" && section.cadence && can(user, "deployment:create") ? (
                  <Link
                    href={`/maintenance?template=${detail.id}&section=${encodeURIComponent(section.key)}#create-schedule`}
                    className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-50"
                  >
                    Create schedule
                  </Link>
                ) : null}
                {isLatest && section.kind === "PROCEDURE" && can(user, "procedure:run") ? (
                  <Link
                    href={`/procedures?template=${detail.id}&section=${encodeURIComponent(section.key)}#start-run`}
                    className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-50"
                  >
                    Start run
                  </Link>
                ) : null}
                <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
                  {version.leafCounts[index]} items
                </span>
              </div>
              {section.approverGroup ? <NeedsApproval group={section.approverGroup} /> : null}
              {section.items.length ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-slate-600 dark:text-slate-400">Show items</summary>
                  <div className="mt-2">
                    <ItemTree items={section.items} ordered={section.kind === "PROCEDURE"} />
                  </div>
                </details>
              ) : null}
              {section.content ? (
                <pre className="mt-2 overflow-x-auto whitespace-pre-wrap text-xs text-slate-600 dark:text-slate-400">
                  {section.content}
                </pre>
              ) : null}
            </section>
          ))}
        </div>

        <aside className="space-y-4">
          <dl className={`${cardStyles} space-y-2 p-4 text-sm`}>
            <Field label={`Required approvals (v${version.number})`} value={String(detail.requiredApprovals)} />
            {version.structure.approverGroup ? (
              <Field label="Needs approval from" value={version.structure.approverGroup} />
            ) : null}
            <Field label={`Review interval (v${version.number})`} value={`${detail.reviewIntervalDays} days`} />
            <Field
              label={`Gate (v${version.number})`}
              value={[
                detail.gateOptions.highBlocksGate
                  ? "open high items block it"
                  : "open high items allowed (Go with risks)",
                detail.gateOptions.allowCriticalWaivers
                  ? "critical items may be waived (two approvers)"
                  : "no critical waivers",
              ].join("; ")}
            />
            <Field label="Owner" value={detail.owner ?? "—"} />
            <Field label="Reviewer" value={detail.reviewer ?? "—"} />
            <Field label="Last reviewed" value={formatDate(detail.lastReviewedAt)} />
            <Field label="Next review" value={formatDate(detail.nextReviewAt)} />
            {detail.needsReview ? (
              <p className="rounded-md bg-amber-100 px-2 py-1 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                Needs review: the next review date has passed.
              </p>
            ) : null}
          </dl>
          {version.structure.metadata ? (
            <section aria-labelledby="template-metadata" className={`${cardStyles} p-4`}>
              <h2 id="template-metadata" className="mb-1 text-sm font-semibold">
                Front matter
              </h2>
              <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
                Kept from the imported file as written, and exported back with it.
              </p>
              <dl className="space-y-2 text-sm">
                {Object.entries(version.structure.metadata).map(([key, value]) => (
                  <div key={key}>
                    <dt className="font-mono text-xs text-slate-600 dark:text-slate-400">{key}</dt>
                    <dd className="font-mono text-xs break-words whitespace-pre-wrap">{value || "—"}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {people ? (
            <section aria-labelledby="template-people" className={`${cardStyles} p-4`}>
              <h2 id="template-people" className="mb-2 text-sm font-semibold">
                Owner and reviewer
              </h2>
              <TemplatePeopleForm
                templateId={detail.id}
                ownerId={detail.ownerId}
                reviewerId={detail.reviewerId}
                owners={people.owners}
                reviewers={people.reviewers}
              />
            </section>
          ) : null}
          {canReview ? (
            <section aria-labelledby="template-review" className={`${cardStyles} p-4`}>
              <h2 id="template-review" className="mb-2 text-sm font-semibold">
                Record a review
              </h2>
              <MarkReviewedForm
                templateId={detail.id}
                intervalDays={detail.latestReviewIntervalDays}
                earliest={day(1)}
                suggested={day(detail.latestReviewIntervalDays)}
                latest={day(maxReviewDays(detail.latestReviewIntervalDays))}
              />
            </section>
          ) : null}
          <nav aria-label="Versions" className={`${cardStyles} p-4`}>
            <h2 className="mb-2 text-sm font-semibold">Versions</h2>
            <ol className="space-y-1 text-sm">
              {detail.versions.map((item) => (
                <li key={item.id}>
                  <Link
                    href={`/templates/${detail.id}?v=${item.number}`}
                    aria-current={item.number === version.number ? "page" : undefined}
                    className="hover:underline aria-[current=page]:font-semibold"
                  >
                    v{item.number}
                  </Link>{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    {formatDate(item.createdAt)}
                    {item.createdBy ? ` · ${item.createdBy}` : ""}
                    {item.changeNote ? ` · ${item.changeNote}` : ""}
                  </span>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
      </div>
    </>
  );
}

/** A section's reviewer group, by slug: one of its members must approve. */
function NeedsApproval({ group }: { group: string }) {
  return (
    <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
      Needs approval from: <span className="font-mono font-medium">{group}</span>
    </p>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex justify-between gap-2">
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="font-medium">{value}</dd>
    </div>
  );
}
