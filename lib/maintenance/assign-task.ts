// Gives one task of a list an assignee (or none). Assigning is handing out work, so it
// needs "item:assign", the permission that assigns checklist items.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findTaskOfOccurrence } from "@/lib/maintenance/complete-task";
import type { AssignTaskInput } from "@/lib/maintenance/schemas";

export async function assignMaintenanceTask(
  actor: Actor | null,
  input: AssignTaskInput,
): Promise<{ id: string; assigneeId: string | null }> {
  requirePermission(actor, "item:assign");
  return db.$transaction(async (tx) => {
    const task = await findTaskOfOccurrence(tx, input.occurrenceId, input.taskId);
    if (input.assigneeId) {
      const assignee = await tx.user.findUnique({
        where: { id: input.assigneeId },
        select: { active: true, role: true },
      });
      if (!assignee?.active || !can(assignee, "maintenance:complete"))
        throw new AppError("BAD_REQUEST", "The assignee must be an active user who can do maintenance work.");
    }
    await tx.maintenanceTask.update({ where: { id: task.id }, data: { assigneeId: input.assigneeId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "maintenance.task.assign",
      entityType: "MaintenanceTask",
      entityId: task.id,
      before: { assigneeId: task.assigneeId },
      after: { assigneeId: input.assigneeId, occurrenceId: input.occurrenceId },
    });
    return { id: task.id, assigneeId: input.assigneeId };
  });
}
