// Finishes a run once every step is settled (done, or skipped with a reason): a finished
// run is the incident's record, so it must not hide steps nobody looked at.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockRun } from "@/lib/procedures/locked-run";
import { finishRunSchema } from "@/lib/procedures/schemas";

export async function finishProcedureRun(
  actor: Actor | null,
  input: z.input<typeof finishRunSchema>,
  options?: DomainOptions,
): Promise<{ finishedAt: Date }> {
  requirePermission(actor, "procedure:run");
  const { runId } = parseInput(finishRunSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const run = await lockRun(tx, runId, { mustBeActive: false });
    if (run.status !== "ACTIVE") throw new AppError("CONFLICT", "This run is already finished.");
    const pending = await tx.procedureStep.findMany({
      where: { runId, status: "PENDING" },
      orderBy: { position: "asc" },
      select: { position: true },
    });
    if (pending.length > 0) {
      const which = pending.map((step) => step.position).join(", ");
      throw new AppError(
        "CONFLICT",
        `${pending.length} step${pending.length === 1 ? " is" : "s are"} still pending (${pending.length === 1 ? "step" : "steps"} ${which}); mark each done or skip it with a reason before finishing.`,
        { pending: pending.map((step) => step.position) },
      );
    }
    const finishedAt = new Date();
    await tx.procedureRun.update({ where: { id: runId }, data: { status: "FINISHED", finishedAt } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "procedure.run.finish",
      entityType: "ProcedureRun",
      entityId: runId,
      before: { status: "ACTIVE" },
      after: { status: "FINISHED", finishedAt: finishedAt.toISOString() },
    });
    return { finishedAt };
  });
}
