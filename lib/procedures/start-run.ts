// Starts a run of a PROCEDURE section (e.g. "Security Incident Response"): the run keeps
// its own copy of the steps, so a later template edit never changes an incident's record.
import "server-only";
import type { z } from "zod";
import { sectionOfTemplateSelect } from "@/lib/templates/section-select";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { startRunSchema } from "@/lib/procedures/schemas";
import { stepsFromItems } from "@/lib/procedures/step-text";

export async function startProcedureRun(
  actor: Actor | null,
  input: z.input<typeof startRunSchema>,
  options?: DomainOptions,
): Promise<{ id: string; steps: number }> {
  requirePermission(actor, "procedure:run");
  const data = parseInput(startRunSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const section = await tx.section.findUnique({
      where: { id: data.sectionId },
      select: {
        ...sectionOfTemplateSelect,
        items: { select: { id: true, parentId: true, position: true, text: true } },
      },
    });
    if (!section || section.templateVersion.template.archivedAt)
      throw new AppError("NOT_FOUND", "That procedure does not exist.");
    if (section.kind !== "PROCEDURE")
      throw new AppError(
        "BAD_REQUEST",
        `“${section.title}” is not a procedure section; pick one listed under “Procedure”.`,
      );
    const steps = stepsFromItems(section.items);
    if (steps.length === 0) throw new AppError("BAD_REQUEST", `“${section.title}” has no steps to run.`);

    const run = await tx.procedureRun.create({
      data: { sectionId: section.id, title: data.title, severity: data.severity, startedById: actor.id },
      select: { id: true },
    });
    await tx.procedureStep.createMany({
      data: steps.map((step, index) => ({ runId: run.id, position: index + 1, itemId: step.itemId, text: step.text })),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "procedure.run.start",
      entityType: "ProcedureRun",
      entityId: run.id,
      after: {
        title: data.title,
        severity: data.severity,
        procedure: section.title,
        template: section.templateVersion.template.name,
        templateVersion: section.templateVersion.number,
        steps: steps.length,
      },
    });
    return { id: run.id, steps: steps.length };
  });
}
