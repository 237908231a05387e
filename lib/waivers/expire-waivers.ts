// The job runner's pass over waivers whose expiry has passed: each is marked EXPIRED, its
// item is open again, a standing sign-off that relied on it is withdrawn (the banner and the
// audit log say why), and `waiver.expired` is sent. Reads never wait for this: the gate and
// every count compare the expiry with the time of the read (lib/waivers/sql.ts,
// lib/checklists/readiness.ts).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { plainText } from "@/lib/checklists/plain-text";
import { dbOf, type DomainOptions } from "@/lib/db";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { lockWaiver } from "@/lib/waivers/lock-waiver";
import { deploymentFacts, enqueueWebhookEvent } from "@/lib/webhooks/enqueue";

export type ExpirySummary = { expired: number; signOffsWithdrawn: number };

export async function expireWaivers(options?: DomainOptions & { now?: Date }): Promise<ExpirySummary> {
  const db = dbOf(options);
  const now = options?.now ?? new Date();
  const due = await db.waiver.findMany({
    where: { status: "APPROVED", expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: 500,
    select: { id: true },
  });
  const summary: ExpirySummary = { expired: 0, signOffsWithdrawn: 0 };
  // One transaction per waiver: a failure leaves the rest for the next run.
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      const waiver = await lockWaiver(tx, id);
      if (waiver.status !== "APPROVED" || waiver.expiresAt > now) return; // another runner was first
      const deployment = await lockDeployment(tx, waiver.deploymentId);
      await tx.waiver.update({ where: { id }, data: { status: "EXPIRED" } });
      const open = await tx.itemState.count({
        where: { deploymentId: waiver.deploymentId, status: "OPEN", item: { key: waiver.itemKey } },
      });
      const text = plainText(waiver.itemText);
      const withdrawn = open
        ? await afterChecklistChange(tx, deployment, { actorId: null, description: `The waiver of “${text}” expired` })
        : 0;
      await enqueueWebhookEvent(tx, "WAIVER_EXPIRED", async () => ({
        deployment: await deploymentFacts(tx, waiver.deploymentId),
        waiver: {
          id,
          item: { key: waiver.itemKey, text },
          priority: waiver.priority,
          expiresAt: waiver.expiresAt.toISOString(),
          itemOpen: open > 0,
          approvalsWithdrawn: withdrawn,
        },
      }));
      await recordAudit(tx, {
        actorLabel: "system",
        action: "waiver.expire",
        entityType: "Waiver",
        entityId: id,
        before: { status: "APPROVED" },
        after: {
          status: "EXPIRED",
          deploymentId: waiver.deploymentId,
          expiresAt: waiver.expiresAt.toISOString(),
          itemOpen: open > 0,
          approvalsWithdrawn: withdrawn,
        },
      });
      summary.expired++;
      summary.signOffsWithdrawn += withdrawn;
    });
  }
  return summary;
}
