// A deployment is an instance of one template version: one state per checklist leaf
// (pre- and post-deployment sections), all OPEN. Later template versions never change it.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import { createDeploymentSchema } from "@/lib/deployments/schemas";

export async function createDeployment(
  actor: Actor | null,
  input: z.input<typeof createDeploymentSchema>,
  options?: DomainOptions,
): Promise<{ id: string }> {
  requirePermission(actor, "deployment:create");
  const data = parseInput(createDeploymentSchema, input);
  const ownerId = data.ownerId ?? actor.id;
  return dbOf(options).$transaction(async (tx) => {
    const version = await tx.templateVersion.findUnique({
      where: { id: data.templateVersionId },
      select: { id: true, number: true, template: { select: { name: true, archivedAt: true } } },
    });
    if (!version || version.template.archivedAt)
      throw new AppError("NOT_FOUND", "That template version does not exist.");
    const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { active: true, role: true } });
    if (!owner?.active || owner.role === "VIEWER")
      throw invalidField("ownerId", "The owner must be an active user who can work on deployments.");

    const deployment = await tx.deployment.create({
      data: {
        service: data.service,
        environment: data.environment,
        version: data.version,
        targetDate: data.targetDate ? new Date(`${data.targetDate}T00:00:00Z`) : null,
        ownerId,
        templateVersionId: version.id,
      },
    });
    await tx.$executeRaw`
      INSERT INTO "ItemState" (id, "deploymentId", "itemId")
      SELECT gen_random_uuid()::text, ${deployment.id}, i.id
        FROM "Item" i JOIN "Section" s ON s.id = i."sectionId"
       WHERE i."templateVersionId" = ${version.id} AND i."isLeaf"
         AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT')`;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "deployment.create",
      entityType: "Deployment",
      entityId: deployment.id,
      after: {
        service: data.service,
        environment: data.environment,
        version: data.version,
        template: version.template.name,
        templateVersion: version.number,
        ownerId,
      },
    });
    return { id: deployment.id };
  });
}
