// Turns a template version's MAINTENANCE section into recurring task lists for one scope.
// Permission: creating a schedule is planning work like creating a deployment, so it
// needs "deployment:create" (engineers, reviewers, managers, admins; never viewers). The
// policy file has no separate permission for it on purpose: one fewer thing to keep apart.
import "server-only";
import type { z } from "zod";
import { sectionOfTemplateSelect } from "@/lib/templates/section-select";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, invalidField } from "@/lib/errors";
import { generateOccurrences } from "@/lib/maintenance/generate-occurrences";
import { createScheduleSchema, scopeKeyOf } from "@/lib/maintenance/schemas";

export async function createSchedule(
  actor: Actor | null,
  input: z.input<typeof createScheduleSchema>,
  options: DomainOptions & { now?: Date } = {},
): Promise<{ id: string }> {
  requirePermission(actor, "deployment:create");
  const data = parseInput(createScheduleSchema, input);
  const { now = new Date() } = options;
  const scopeKey = scopeKeyOf(data);
  let created: { id: string };
  try {
    created = await dbOf(options).$transaction(async (tx) => {
      const section = await tx.section.findUnique({
        where: { id: data.sectionId },
        select: { ...sectionOfTemplateSelect, cadence: true },
      });
      if (!section || section.templateVersion.template.archivedAt)
        throw new AppError("NOT_FOUND", "That template section does not exist.");
      if (section.kind !== "MAINTENANCE" || !section.cadence) {
        throw new AppError(
          "BAD_REQUEST",
          `“${section.title}” is not a maintenance section with a cadence; pick a Daily, Weekly, Monthly, Quarterly or Annually section.`,
        );
      }
      const owner = await tx.user.findUnique({ where: { id: data.ownerId }, select: { active: true, role: true } });
      if (!owner?.active || owner.role === "VIEWER")
        throw invalidField("ownerId", "The owner must be an active user who can do maintenance work.");

      const schedule = await tx.maintenanceSchedule.create({
        data: {
          sectionId: section.id,
          cadence: section.cadence,
          scopeKey,
          service: data.scope === "service" ? data.service! : null,
          environment: data.scope === "service" ? data.environment! : null,
          ownerId: data.ownerId,
          createdAt: now,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "maintenance.schedule.create",
        entityType: "MaintenanceSchedule",
        entityId: schedule.id,
        after: {
          sectionId: section.id,
          section: section.title,
          template: section.templateVersion.template.name,
          templateVersion: section.templateVersion.number,
          cadence: section.cadence,
          scopeKey,
          ownerId: data.ownerId,
        },
      });
      return schedule;
    });
  } catch (error) {
    // The unique (sectionId, scopeKey) constraint decides, so two people creating the same
    // schedule at once get one schedule and one clear refusal.
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        `This section already has a schedule for ${scopeKey === "org" ? "the whole organisation" : `“${scopeKey}”`}; complete its lists instead of creating another.`,
      );
    }
    throw error;
  }
  // This period's list right away, so the new schedule shows work on the board at once.
  await generateOccurrences({ actorLabel: "system" }, { scheduleIds: [created.id] }, options);
  return created;
}
