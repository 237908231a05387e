// A waiver is withdrawn before it expires: by whoever asked for it, the deployment's owner,
// a reviewer or an admin. A revoked approved waiver leaves its item open again, so standing
// approvals are withdrawn, as after any item change.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { can, requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { plainText } from "@/lib/checklists/plain-text";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { lockWaiver } from "@/lib/waivers/lock-waiver";
import { revokeWaiverSchema } from "@/lib/waivers/schemas";

export async function revokeWaiver(
  actor: Actor | null,
  input: z.input<typeof revokeWaiverSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<void> {
  requirePermission(actor, "item:update");
  const data = parseInput(revokeWaiverSchema, input);
  const now = options?.now ?? new Date();
  await dbOf(options).$transaction(async (tx) => {
    const waiver = await lockWaiver(tx, data.waiverId);
    const deployment = await lockDeployment(tx, waiver.deploymentId);
    const mayRevoke =
      waiver.requestedById === actor.id || deployment.ownerId === actor.id || can(actor, "deployment:review");
    if (!mayRevoke)
      throw new AppError(
        "FORBIDDEN",
        "Only who asked for the waiver, the deployment's owner or a reviewer may revoke it.",
      );
    const inForce = waiver.status === "APPROVED" && waiver.expiresAt > now;
    if (waiver.status !== "PENDING" && !inForce)
      throw new AppError("CONFLICT", "Only a pending waiver or one in force can be revoked.");
    await tx.waiver.update({
      where: { id: waiver.id },
      data: { status: "REVOKED", decidedById: actor.id, decidedAt: now, decisionNote: data.reason },
    });
    if (inForce) {
      const open = await tx.itemState.count({
        where: { deploymentId: waiver.deploymentId, status: "OPEN", item: { key: waiver.itemKey } },
      });
      if (open > 0)
        await afterChecklistChange(tx, deployment, {
          actorId: actor.id,
          description: `The waiver of “${plainText(waiver.itemText)}” was revoked`,
        });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "waiver.revoke",
      entityType: "Waiver",
      entityId: waiver.id,
      before: { status: waiver.status },
      after: { status: "REVOKED", deploymentId: waiver.deploymentId, reason: data.reason },
    });
  });
}
