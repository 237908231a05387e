// Completes one task of one period's list, with an optional note and evidence link, and
// records who and when. A task is completed once: a second completion is refused with who
// did it first, never overwritten. The list is complete when its last task is.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { completeTaskSchema } from "@/lib/maintenance/schemas";

export type CompletedTask = { id: string; completedAt: Date; listCompleted: boolean };

export async function completeMaintenanceTask(
  actor: Actor | null,
  input: z.input<typeof completeTaskSchema>,
  options?: DomainOptions,
): Promise<CompletedTask> {
  requirePermission(actor, "maintenance:complete");
  const data = parseInput(completeTaskSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const task = await findTaskOfOccurrence(tx, data.occurrenceId, data.taskId);
    const completedAt = new Date();
    // Conditional update: of two people completing at once, exactly one wins.
    const { count } = await tx.maintenanceTask.updateMany({
      where: { id: task.id, completedAt: null },
      data: { completedAt, completedById: actor.id, note: data.note ?? null, evidenceUrl: data.evidenceUrl ?? null },
    });
    if (count === 0) {
      const winner = await tx.maintenanceTask.findUniqueOrThrow({
        where: { id: task.id },
        select: { completedAt: true, completedBy: { select: { name: true } } },
      });
      throw new AppError(
        "CONFLICT",
        `This task was already completed by ${winner.completedBy?.name ?? "a former user"} at ${formatDateTime(winner.completedAt)}.`,
      );
    }
    const open = await tx.maintenanceTask.count({ where: { occurrenceId: data.occurrenceId, completedAt: null } });
    if (open === 0)
      await tx.maintenanceOccurrence.updateMany({
        where: { id: data.occurrenceId, completedAt: null },
        data: { completedAt },
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "maintenance.task.complete",
      entityType: "MaintenanceTask",
      entityId: task.id,
      before: { completedAt: null },
      after: {
        occurrenceId: data.occurrenceId,
        item: task.item.text,
        completedAt: completedAt.toISOString(),
        note: data.note ?? null,
        evidenceUrl: data.evidenceUrl ?? null,
        listCompleted: open === 0,
      },
    });
    return { id: task.id, completedAt, listCompleted: open === 0 };
  });
}

/** The task, scoped to its list: a task id from another list is as unknown as a made-up one. */
export async function findTaskOfOccurrence(tx: Prisma.TransactionClient, occurrenceId: string, taskId: string) {
  const occurrence = await tx.maintenanceOccurrence.findUnique({ where: { id: occurrenceId }, select: { id: true } });
  if (!occurrence)
    throw new AppError("NOT_FOUND", "That maintenance list does not exist; reload the maintenance page.");
  const task = await tx.maintenanceTask.findFirst({
    where: { id: taskId, occurrenceId },
    select: { id: true, assigneeId: true, item: { select: { text: true } } },
  });
  if (!task) throw new AppError("NOT_FOUND", "That task is not part of this maintenance list.");
  return task;
}
