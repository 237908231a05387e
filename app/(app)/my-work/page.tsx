import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import {
  ActiveRuns,
  AssignedItems,
  MaintenanceTasks,
  OwnDeployments,
  ReviewReminders,
  ReviewRequests,
  WaiverRequests,
} from "@/components/my-work/sections";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ensureOccurrences } from "@/lib/maintenance/ensure-occurrences";
import { readMyWork, type MyWork } from "@/lib/my-work/read-my-work";
import { myWorkSections, type MyWorkSection } from "@/lib/my-work/rules";

export const metadata: Metadata = { title: "My work" };

const sectionViews: Record<MyWorkSection, (work: MyWork) => ReactNode> = {
  items: (work) => <AssignedItems items={work.items} />,
  reviews: (work) => <ReviewRequests reviews={work.reviews} />,
  waivers: (work) => <WaiverRequests waivers={work.waivers} />,
  deployments: (work) => <OwnDeployments deployments={work.deployments} />,
  reminders: (work) => <ReviewReminders reminders={work.reminders} />,
  maintenance: (work) => <MaintenanceTasks tasks={work.maintenance} />,
  procedures: (work) => <ActiveRuns runs={work.procedures} />,
};

/** What each section will show, for the page's empty state. */
const sectionPromises: Record<MyWorkSection, string> = {
  items: "checklist items assigned to you, until they are done or not applicable",
  reviews: "deployments submitted for review that you may approve (you did not work on them) and have not approved",
  waivers: "waivers awaiting a reviewer's approval, on deployments you did not work on",
  deployments: "your deployments that are rejected, lost their sign-off or missed their target date",
  reminders: "templates and approved deployments of yours whose review comes due within 14 days",
  maintenance: "maintenance tasks of this period’s or overdue lists, yours or unassigned",
  procedures: "emergency procedures while they run",
};

export default async function MyWorkPage() {
  const user = await requireUser();
  const now = new Date();
  // As the maintenance board does before it reads: this period's lists exist even when no
  // scheduler ran the tick yet.
  if (myWorkSections(user).includes("maintenance")) await ensureOccurrences({ now });
  const work = await readMyWork(user, now);

  return (
    <>
      <PageHeader
        title="My work"
        description={
          work.sections.length ? `${work.total} open for you. Each row opens the exact place to act.` : undefined
        }
      />
      {work.sections.length === 0 ? (
        <EmptyState title="Nothing to do here">
          Your role reads deployments, reports and records; nobody assigns work to it. Start from the{" "}
          <Link href="/" className="text-brand-700 underline dark:text-brand-50">
            overview
          </Link>
          .
        </EmptyState>
      ) : work.total === 0 ? (
        <EmptyState title="You are all caught up">
          <p>Nothing is open for you. This page lists, as they come up:</p>
          <ul className="mx-auto mt-2 max-w-md list-disc space-y-1 pl-5 text-left">
            {work.sections.map((section) => (
              <li key={section}>{sectionPromises[section]}</li>
            ))}
          </ul>
          <p className="mt-3">
            Meanwhile, browse the{" "}
            <Link href="/deployments" className="text-brand-700 underline dark:text-brand-50">
              deployments
            </Link>{" "}
            or the{" "}
            <Link href="/maintenance" className="text-brand-700 underline dark:text-brand-50">
              maintenance board
            </Link>
            .
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {work.sections.map((section) => (
            <div key={section}>{sectionViews[section](work)}</div>
          ))}
        </div>
      )}
    </>
  );
}
