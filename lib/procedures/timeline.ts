// Free-text timeline entries ("10:42 paged the database team"), signed and timestamped by
// the server. Allowed at any time, also after the run finished: post-mortem findings
// belong in the same record. The time comes from the app's clock, like the steps' times,
// so the merged timeline orders them consistently.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { lockRun } from "@/lib/procedures/locked-run";
import type { TimelineEntryInput } from "@/lib/procedures/schemas";

export async function addTimelineEntry(
  actor: Actor | null,
  input: TimelineEntryInput,
): Promise<{ id: string; createdAt: Date }> {
  requirePermission(actor, "procedure:run");
  return db.$transaction(async (tx) => {
    await lockRun(tx, input.runId, { mustBeActive: false });
    const entry = await tx.procedureTimelineEntry.create({
      data: { runId: input.runId, authorId: actor.id, body: input.body, createdAt: new Date() },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "procedure.timeline.add",
      entityType: "ProcedureTimelineEntry",
      entityId: entry.id,
      after: { runId: input.runId, body: input.body },
    });
    return entry;
  });
}
