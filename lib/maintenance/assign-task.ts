// Gives one task of a list an assignee (or none). Assigning is handing out work, so it
// needs "item:assign", the permission that assigns checklist items.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { invalidField } from "@/lib/errors";
import { findTaskOfOccurrence } from "@/lib/maintenance/complete-task";
import { assignTaskSchema } from "@/lib/maintenance/schemas";

export async function assignMaintenanceTask(
  actor: Actor | null,
  input: z.input<typeof assignTaskSchema>,
  options?: DomainOptions,
): Promise<{ id: string; assigneeId: string | null }> {
  requirePermission(actor, "item:assign");
  const data = parseInput(assignTaskSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const task = await findTaskOfOccurrence(tx, data.occurrenceId, data.taskId);
    if (data.assigneeId) {
      const assignee = await tx.user.findUnique({
        where: { id: data.assigneeId },
        select: { active: true, role: true },
      });
      if (!assignee?.active || !can(assignee, "maintenance:complete"))
        throw invalidField("assigneeId", "The assignee must be an active user who can do maintenance work.");
    }
    await tx.maintenanceTask.update({ where: { id: task.id }, data: { assigneeId: data.assigneeId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "maintenance.task.assign",
      entityType: "MaintenanceTask",
      entityId: task.id,
      before: { assigneeId: task.assigneeId },
      after: { assigneeId: data.assigneeId, occurrenceId: data.occurrenceId },
    });
    return { id: task.id, assigneeId: data.assigneeId };
  });
}
