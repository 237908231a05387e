// Free-text timeline entries ("10:42 paged the database team"), signed and timestamped by
// the server. Allowed at any time, also after the run finished: post-mortem findings
// belong in the same record. The time comes from the app's clock, like the steps' times,
// so the merged timeline orders them consistently.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { lockRun } from "@/lib/procedures/locked-run";
import { timelineEntrySchema } from "@/lib/procedures/schemas";

export async function addTimelineEntry(
  actor: Actor | null,
  input: z.input<typeof timelineEntrySchema>,
  options?: DomainOptions,
): Promise<{ id: string; createdAt: Date }> {
  requirePermission(actor, "procedure:run");
  const data = parseInput(timelineEntrySchema, input);
  return dbOf(options).$transaction(async (tx) => {
    await lockRun(tx, data.runId, { mustBeActive: false });
    const entry = await tx.procedureTimelineEntry.create({
      data: { runId: data.runId, authorId: actor.id, body: data.body, createdAt: new Date() },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "procedure.timeline.add",
      entityType: "ProcedureTimelineEntry",
      entityId: entry.id,
      after: { runId: data.runId, body: data.body },
    });
    return entry;
  });
}
