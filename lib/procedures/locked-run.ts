// Every write to a run first locks its row, so step changes and "Finish run" happen one
// after another: a run can never finish while a step is being marked in parallel.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureRunStatus } from "@/lib/generated/prisma/enums";

export type LockedRun = { id: string; status: ProcedureRunStatus; title: string };

export async function lockRun(
  tx: Prisma.TransactionClient,
  runId: string,
  options: { mustBeActive: boolean },
): Promise<LockedRun> {
  const [run] = await tx.$queryRaw<
    LockedRun[]
  >`SELECT id, status, title FROM "ProcedureRun" WHERE id = ${runId} FOR UPDATE`;
  if (!run) throw new AppError("NOT_FOUND", "That procedure run does not exist.");
  if (options.mustBeActive && run.status !== "ACTIVE")
    throw new AppError("CONFLICT", "This run is finished; its steps can no longer change.");
  return run;
}
