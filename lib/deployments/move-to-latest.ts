// Moves a deployment to its template's newest version. Items whose key is unchanged keep
// their state (status, reason, note, evidence, assignee); the result lists what was added
// and removed so the team sees what is new.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { moveToLatestSchema } from "@/lib/deployments/schemas";
import { AppError } from "@/lib/errors";
import { afterChecklistChange } from "@/lib/signoff/invalidate";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { isFinal } from "@/lib/deployments/lifecycle";

export type MoveResult = {
  fromVersion: number;
  toVersion: number;
  carried: number;
  added: string[];
  removed: string[];
};

export async function moveToLatestVersion(
  actor: Actor | null,
  input: z.input<typeof moveToLatestSchema>,
  options?: DomainOptions,
): Promise<MoveResult> {
  requirePermission(actor, "deployment:edit");
  const { deploymentId } = parseInput(moveToLatestSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    // Item writes, reviews and another move wait for this one.
    const locked = await lockDeployment(tx, deploymentId);
    const deployment = await tx.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: { status: true, templateVersion: { select: { id: true, number: true, templateId: true } } },
    });
    if (isFinal(deployment.status)) {
      throw new AppError("CONFLICT", "A deployed or cancelled deployment stays on the version it was run with.");
    }
    const latest = await tx.templateVersion.findFirstOrThrow({
      where: { templateId: deployment.templateVersion.templateId },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    if (latest.id === deployment.templateVersion.id)
      throw new AppError("CONFLICT", `This deployment already uses the latest version (v${latest.number}).`);

    const oldStates = await tx.itemState.findMany({
      where: { deploymentId },
      select: {
        status: true,
        naReason: true,
        note: true,
        evidenceLinks: true,
        assigneeId: true,
        updatedById: true,
        updatedAt: true,
        version: true,
        item: { select: { key: true, text: true } },
      },
    });
    const newLeaves = await tx.item.findMany({
      where: {
        templateVersionId: latest.id,
        isLeaf: true,
        section: { kind: { in: ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] } },
      },
      select: { id: true, key: true, text: true },
    });
    const byKey = new Map(oldStates.map((s) => [s.item.key, s]));
    const newKeys = new Set(newLeaves.map((leaf) => leaf.key));

    await tx.itemState.deleteMany({ where: { deploymentId } });
    await tx.itemState.createMany({
      data: newLeaves.map((leaf) => {
        const old = byKey.get(leaf.key);
        return old
          ? {
              deploymentId,
              itemId: leaf.id,
              status: old.status,
              naReason: old.naReason,
              note: old.note,
              evidenceLinks: old.evidenceLinks,
              assigneeId: old.assigneeId,
              updatedById: old.updatedById,
              updatedAt: old.updatedAt,
              version: old.version + 1,
            }
          : { deploymentId, itemId: leaf.id };
      }),
    });
    await tx.deployment.update({ where: { id: deploymentId }, data: { templateVersionId: latest.id } });

    const result: MoveResult = {
      fromVersion: deployment.templateVersion.number,
      toVersion: latest.number,
      carried: newLeaves.filter((leaf) => byKey.has(leaf.key)).length,
      added: newLeaves.filter((leaf) => !byKey.has(leaf.key)).map((leaf) => leaf.text),
      removed: oldStates.filter((s) => !newKeys.has(s.item.key)).map((s) => s.item.text),
    };
    await afterChecklistChange(tx, locked, {
      actorId: actor.id,
      description: `moved from template version ${result.fromVersion} to ${result.toVersion}`,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deployment.move-version",
      entityType: "Deployment",
      entityId: deploymentId,
      before: { version: result.fromVersion },
      after: result,
    });
    return result;
  });
}
