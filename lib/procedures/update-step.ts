// Marks a run's step done, skips it (a reason is required), or adds a note to it. Steps are
// named by position; one outside the run is a 404 saying how many steps there are. A step
// is settled once: marking a settled step again is refused with who settled it and when.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockRun } from "@/lib/procedures/locked-run";
import { completeStepSchema, skipStepSchema, stepNoteSchema } from "@/lib/procedures/schemas";

type StepRef = { runId: string; position: number };

export async function completeStep(
  actor: Actor | null,
  input: z.input<typeof completeStepSchema>,
  options?: DomainOptions,
) {
  requirePermission(actor, "procedure:run");
  const data = parseInput(completeStepSchema, input);
  return settleStep(actor, data, { status: "DONE", note: data.note ?? null, skipReason: null }, options);
}

export async function skipStep(actor: Actor | null, input: z.input<typeof skipStepSchema>, options?: DomainOptions) {
  requirePermission(actor, "procedure:run");
  const data = parseInput(skipStepSchema, input);
  return settleStep(actor, data, { status: "SKIPPED", skipReason: data.reason }, options);
}

export async function addStepNote(
  actor: Actor | null,
  input: z.input<typeof stepNoteSchema>,
  options?: DomainOptions,
): Promise<{ position: number }> {
  requirePermission(actor, "procedure:run");
  const data = parseInput(stepNoteSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    await lockRun(tx, data.runId, { mustBeActive: true });
    const step = await findStep(tx, data);
    // Appended to what is there, so an earlier note is never overwritten.
    const note = step.note ? `${step.note}\n\n${data.note}` : data.note;
    await tx.procedureStep.update({ where: { id: step.id }, data: { note } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "procedure.step.note",
      entityType: "ProcedureStep",
      entityId: step.id,
      before: { note: step.note },
      after: { note, runId: data.runId, position: data.position },
    });
    return { position: data.position };
  });
}

async function settleStep(
  actor: Actor,
  input: StepRef,
  change: { status: "DONE" | "SKIPPED"; note?: string | null; skipReason: string | null },
  options?: DomainOptions,
) {
  return dbOf(options).$transaction(async (tx) => {
    await lockRun(tx, input.runId, { mustBeActive: true });
    const step = await findStep(tx, input);
    if (step.status !== "PENDING") {
      const verb = step.status === "DONE" ? "marked done" : "skipped";
      throw new AppError(
        "CONFLICT",
        `Step ${step.position} was already ${verb} by ${step.actor?.name ?? "a former user"} at ${formatDateTime(step.actedAt)}.`,
      );
    }
    const actedAt = new Date();
    const note = change.note ? (step.note ? `${step.note}\n\n${change.note}` : change.note) : step.note;
    await tx.procedureStep.update({
      where: { id: step.id },
      data: { status: change.status, skipReason: change.skipReason, note, actorId: actor.id, actedAt },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: change.status === "DONE" ? "procedure.step.done" : "procedure.step.skip",
      entityType: "ProcedureStep",
      entityId: step.id,
      before: { status: step.status },
      after: {
        status: change.status,
        runId: input.runId,
        position: step.position,
        note,
        skipReason: change.skipReason,
        actedAt: actedAt.toISOString(),
      },
    });
    return { position: step.position, status: change.status, actedAt };
  });
}

async function findStep(tx: Prisma.TransactionClient, { runId, position }: StepRef) {
  const step = await tx.procedureStep.findUnique({
    where: { runId_position: { runId, position } },
    select: { id: true, position: true, status: true, note: true, actedAt: true, actor: { select: { name: true } } },
  });
  if (!step) {
    const count = await tx.procedureStep.count({ where: { runId } });
    throw new AppError(
      "NOT_FOUND",
      `Step ${position} does not exist; this run has ${count} step${count === 1 ? "" : "s"}.`,
    );
  }
  return step;
}
