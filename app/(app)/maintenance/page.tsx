import type { Metadata } from "next";
import Link from "next/link";
import { ListCard } from "@/components/maintenance/list-card";
import { ReviewReminders } from "@/components/maintenance/review-reminders";
import { ScheduleForm } from "@/components/maintenance/schedule-form";
import { SchedulesTable } from "@/components/maintenance/schedules-table";
import { cadenceLabels } from "@/lib/templates/labels";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { cardStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import type { Cadence } from "@/lib/generated/prisma/enums";
import { getMaintenanceBoard, type ListView, type ScheduleView } from "@/lib/maintenance/board";
import { listLatestSections, listWorkers, preselectedSection } from "@/lib/maintenance/latest-sections";
import { getReviewReminders } from "@/lib/maintenance/reminders";

export const metadata: Metadata = { title: "Maintenance" };

const cadences: Cadence[] = ["DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUALLY"];

type Props = { searchParams: Promise<{ template?: string | string[]; section?: string | string[] }> };

export default async function MaintenancePage({ searchParams }: Props) {
  const user = await requireUser();
  const query = await searchParams;
  const now = new Date();
  const canCreate = can(user, "deployment:create");
  const [board, reminders, sections, workers] = await Promise.all([
    getMaintenanceBoard(now),
    getReviewReminders(now),
    canCreate ? listLatestSections("MAINTENANCE") : Promise.resolve([]),
    listWorkers(),
  ]);
  const permissions = { canComplete: can(user, "maintenance:complete"), canAssign: can(user, "item:assign") };
  // Overdue lists first, oldest due first: they are the work that slipped.
  const overdue = board.schedules
    .flatMap((schedule) => schedule.overdue.map((list) => ({ schedule, list })))
    .sort((a, b) => a.list.dueAt.getTime() - b.list.dueAt.getTime());
  const hiddenOverdue = board.schedules.reduce((sum, s) => sum + s.overdueCount - s.overdue.length, 0);
  const current = (cadence: Cadence) =>
    board.schedules
      .filter((s) => s.cadence === cadence && s.current)
      .map((schedule) => ({ schedule, list: schedule.current! }));
  const card = ({ schedule, list }: { schedule: ScheduleView; list: ListView }) => (
    <ListCard key={list.id} schedule={schedule} list={list} workers={workers} {...permissions} />
  );

  return (
    <>
      <PageHeader
        title="Maintenance"
        description={`Recurring task lists from your templates’ maintenance sections, one per period (periods in ${board.timeZone}), and review reminders.`}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-8">
          {board.schedules.length === 0 ? (
            <EmptyState title="No maintenance schedules yet">
              {canCreate
                ? "Create one with “Create a schedule”: pick a template’s Weekly, Monthly or Quarterly section and who owns it. This period’s task list appears here at once."
                : "Task lists appear here once an engineer creates a schedule from a template’s maintenance section."}
            </EmptyState>
          ) : null}

          {overdue.length ? (
            <section id="overdue" aria-labelledby="overdue-heading" className="scroll-mt-4 space-y-3">
              <h2 id="overdue-heading" className="text-lg font-semibold text-red-700 dark:text-red-400">
                Overdue ({overdue.length + hiddenOverdue})
              </h2>
              {overdue.map(card)}
              {hiddenOverdue ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  And {hiddenOverdue} older overdue list(s), not shown.
                </p>
              ) : null}
            </section>
          ) : null}

          {board.schedules.length ? (
            <section aria-labelledby="current-heading" className="space-y-4">
              <h2 id="current-heading" className="text-lg font-semibold">
                This period
              </h2>
              {cadences.map((cadence) =>
                current(cadence).length ? (
                  <div key={cadence} className="space-y-3">
                    <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                      {cadenceLabels[cadence]}
                    </h3>
                    {current(cadence).map(card)}
                  </div>
                ) : null,
              )}
            </section>
          ) : null}

          {board.schedules.length ? (
            <section aria-labelledby="schedules-heading" className="space-y-3">
              <h2 id="schedules-heading" className="text-lg font-semibold">
                Schedules
              </h2>
              <SchedulesTable schedules={board.schedules} />
            </section>
          ) : null}
        </div>

        <aside className="space-y-4">
          <ReviewReminders {...reminders} />
          {canCreate ? (
            sections.length ? (
              <ScheduleForm
                sections={sections}
                owners={workers}
                currentUserId={user.id}
                defaultSectionId={preselectedSection(sections, query)}
              />
            ) : (
              <div className={`${cardStyles} p-4 text-sm`}>
                <h2 className="text-base font-semibold">Create a schedule</h2>
                <p className="mt-1 text-slate-600 dark:text-slate-400">
                  No template has a maintenance section yet.{" "}
                  <Link href="/templates/import" className="text-brand-700 underline dark:text-brand-50">
                    Import a checklist
                  </Link>{" "}
                  with a “Weekly”, “Monthly” or “Quarterly” heading over a task list.
                </p>
              </div>
            )
          ) : null}
        </aside>
      </div>
    </>
  );
}
