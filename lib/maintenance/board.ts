// What the maintenance board shows: per schedule, this period's list, the overdue ones,
// recent history with completion, and when the next list is due. Reading the board first
// makes sure every due list exists (ensureOccurrences), so it never shows a gap.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Cadence } from "@/lib/generated/prisma/enums";
import { ensureOccurrences } from "@/lib/maintenance/ensure-occurrences";
import { nextPeriod, periodLabel } from "@/lib/maintenance/periods";

/** Overdue lists shown in full per schedule; older ones are counted, not listed. */
const OVERDUE_SHOWN = 10;

/** This period's list of a schedule: its period holds `now`. */
export function currentListWhere(now: Date): Prisma.MaintenanceOccurrenceWhereInput {
  return { periodStart: { lte: now }, periodEnd: { gt: now } };
}

/** An overdue list: due (the period ended) and not completed, of a schedule still running.
 * The board and the overview's "Overdue maintenance" count both use it. */
export function overdueListsWhere(now: Date): Prisma.MaintenanceOccurrenceWhereInput {
  return { completedAt: null, dueAt: { lte: now }, schedule: { active: true } };
}
const HISTORY_SHOWN = 12;

export type TaskView = {
  id: string;
  text: string;
  completedAt: Date | null;
  completedBy: string | null;
  note: string | null;
  evidenceUrl: string | null;
  assignee: { id: string; name: string } | null;
};

export type ListView = {
  id: string;
  label: string;
  periodStart: Date;
  dueAt: Date;
  completedAt: Date | null;
  overdue: boolean;
  done: number;
  total: number;
  tasks: TaskView[];
};
export type HistoryRow = {
  id: string;
  label: string;
  dueAt: Date;
  completedAt: Date | null;
  done: number;
  total: number;
};

export type ScheduleView = {
  id: string;
  cadence: Cadence;
  scopeKey: string;
  sectionTitle: string;
  template: { id: string; name: string; versionNumber: number };
  owner: string;
  current: ListView | null;
  overdue: ListView[];
  overdueCount: number;
  history: HistoryRow[];
  nextDueAt: Date;
};

export type MaintenanceBoard = { timeZone: string; schedules: ScheduleView[] };

const taskSelect = {
  id: true,
  completedAt: true,
  note: true,
  evidenceUrl: true,
  item: { select: { text: true } },
  completedBy: { select: { name: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.MaintenanceTaskSelect;

const listSelect = {
  id: true,
  periodStart: true,
  periodEnd: true,
  dueAt: true,
  completedAt: true,
  tasks: { select: taskSelect, orderBy: [{ item: { depth: "asc" } }, { item: { position: "asc" } }] },
} satisfies Prisma.MaintenanceOccurrenceSelect;

export async function getMaintenanceBoard(now = new Date()): Promise<MaintenanceBoard> {
  const { timeZone } = await ensureOccurrences({ now });
  const schedules = await db.maintenanceSchedule.findMany({
    where: { active: true },
    orderBy: [{ cadence: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      cadence: true,
      scopeKey: true,
      owner: { select: { name: true } },
      section: {
        select: {
          title: true,
          templateVersion: { select: { number: true, template: { select: { id: true, name: true } } } },
        },
      },
    },
  });
  const views = await Promise.all(
    schedules.map(async (schedule): Promise<ScheduleView> => {
      const [current, overdue, overdueCount, past] = await Promise.all([
        db.maintenanceOccurrence.findFirst({
          where: { ...currentListWhere(now), scheduleId: schedule.id },
          select: listSelect,
        }),
        db.maintenanceOccurrence.findMany({
          where: { ...overdueListsWhere(now), scheduleId: schedule.id },
          orderBy: { periodStart: "desc" },
          take: OVERDUE_SHOWN,
          select: listSelect,
        }),
        db.maintenanceOccurrence.count({ where: { ...overdueListsWhere(now), scheduleId: schedule.id } }),
        db.maintenanceOccurrence.findMany({
          where: { scheduleId: schedule.id, periodEnd: { lte: now } },
          orderBy: { periodStart: "desc" },
          take: HISTORY_SHOWN,
          select: { id: true, periodStart: true, dueAt: true, completedAt: true },
        }),
      ]);
      const counts = await taskCounts(past.map((o) => o.id));
      const toList = (list: NonNullable<typeof current>): ListView => ({
        id: list.id,
        label: periodLabel(schedule.cadence, list.periodStart, timeZone),
        periodStart: list.periodStart,
        dueAt: list.dueAt,
        completedAt: list.completedAt,
        overdue: !list.completedAt && list.dueAt <= now,
        done: list.tasks.filter((task) => task.completedAt).length,
        total: list.tasks.length,
        tasks: list.tasks.map((task) => ({
          id: task.id,
          text: task.item.text,
          completedAt: task.completedAt,
          completedBy: task.completedBy?.name ?? null,
          note: task.note,
          evidenceUrl: task.evidenceUrl,
          assignee: task.assignee,
        })),
      });
      const overdueLists = overdue.map(toList);
      const open = [...overdueLists, ...(current && !current.completedAt ? [toList(current)] : [])];
      const nextDueAt = open.length
        ? new Date(Math.min(...open.map((list) => list.dueAt.getTime())))
        : current
          ? nextPeriod(schedule.cadence, { start: current.periodStart, end: current.periodEnd }, timeZone).end
          : now;
      return {
        id: schedule.id,
        cadence: schedule.cadence,
        scopeKey: schedule.scopeKey,
        sectionTitle: schedule.section.title,
        template: {
          id: schedule.section.templateVersion.template.id,
          name: schedule.section.templateVersion.template.name,
          versionNumber: schedule.section.templateVersion.number,
        },
        owner: schedule.owner.name,
        current: current ? toList(current) : null,
        overdue: overdueLists,
        overdueCount,
        history: past.map((o) => ({
          id: o.id,
          label: periodLabel(schedule.cadence, o.periodStart, timeZone),
          dueAt: o.dueAt,
          completedAt: o.completedAt,
          ...(counts.get(o.id) ?? { done: 0, total: 0 }),
        })),
        nextDueAt,
      };
    }),
  );
  return { timeZone, schedules: views };
}

async function taskCounts(occurrenceIds: string[]): Promise<Map<string, { done: number; total: number }>> {
  if (occurrenceIds.length === 0) return new Map();
  // _count of a column counts its non-null values: the completed tasks.
  const rows = await db.maintenanceTask.groupBy({
    by: ["occurrenceId"],
    where: { occurrenceId: { in: occurrenceIds } },
    _count: { _all: true, completedAt: true },
  });
  return new Map(rows.map((row) => [row.occurrenceId, { done: row._count.completedAt, total: row._count._all }]));
}
