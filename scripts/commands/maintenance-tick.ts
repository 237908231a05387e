// `npm run cli -- maintenance tick`: one run of the maintenance tick (lib/maintenance/tick.ts)
// by hand. The job queue already runs it every few minutes in every instance; no external
// scheduler is needed.
import type { MaintenanceTickSummary } from "@/lib/maintenance/tick";

export { maintenanceTick, type MaintenanceTickSummary } from "@/lib/maintenance/tick";

/** One line for people and logs; `--json` callers print the summary object instead. */
export function formatTickSummary(summary: MaintenanceTickSummary): string {
  return `Checked ${summary.schedules} schedule(s) in ${summary.timeZone}: created ${summary.occurrencesCreated} list(s) with ${summary.tasksCreated} task(s); ${summary.overdueLists} list(s) overdue.`;
}
