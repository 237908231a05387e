// A deployment is an instance of one template version: one state per checklist leaf
// (pre- and post-deployment sections), all OPEN. Later template versions never change it.
// The version is named directly (the form) or as a template (a pipeline): its latest version.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import { createDeploymentSchema } from "@/lib/deployments/schemas";
import { creationContributions, recordContributions } from "@/lib/signoff/contributions";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function createDeployment(
  actor: Actor | null,
  input: z.input<typeof createDeploymentSchema>,
  options?: DomainOptions,
): Promise<{ id: string }> {
  requirePermission(actor, "deployment:create");
  const data = parseInput(createDeploymentSchema, input);
  return dbOf(options).$transaction((tx) => insertDeployment(tx, actor, data));
}

/** The insert and its audit, in the caller's transaction (createNextRelease adds the
 * deployment it follows and a description saying so). */
export async function insertDeployment(
  tx: Prisma.TransactionClient,
  actor: Actor,
  data: z.output<typeof createDeploymentSchema>,
  origin?: { from: string; description: string },
): Promise<{ id: string }> {
  const ownerId = data.ownerId ?? actor.id;
  const version = await resolveTemplateVersion(tx, data);
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
      description: origin?.description,
    },
  });
  await tx.$executeRaw`
    INSERT INTO "ItemState" (id, "deploymentId", "itemId")
    SELECT gen_random_uuid()::text, ${deployment.id}, i.id
      FROM "Item" i JOIN "Section" s ON s.id = i."sectionId"
     WHERE i."templateVersionId" = ${version.id} AND i."isLeaf"
       AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT')`;
  await recordContributions(tx, deployment.id, actor, creationContributions(actor.id, ownerId));
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
      ...origin,
    },
  });
  return { id: deployment.id };
}

type ChosenVersion = { id: string; number: number; template: { name: string } };

/** The version named by `templateVersionId`, or the latest version of the template that
 * `template` names: by id, else by slug, else by its exact (case-sensitive) name when no
 * other template has it. Archived templates are not found. */
async function resolveTemplateVersion(
  tx: Prisma.TransactionClient,
  data: { templateVersionId?: string; template?: string },
): Promise<ChosenVersion> {
  if (data.templateVersionId !== undefined) {
    const version = await tx.templateVersion.findUnique({
      where: { id: data.templateVersionId },
      select: { id: true, number: true, template: { select: { name: true, archivedAt: true } } },
    });
    if (!version || version.template.archivedAt)
      throw new AppError("NOT_FOUND", "That template version does not exist.");
    return version;
  }
  const reference = data.template!;
  const matches = await tx.template.findMany({
    where: { archivedAt: null, OR: [{ id: reference }, { slug: reference }, { name: reference }] },
    orderBy: [{ name: "asc" }, { slug: "asc" }],
    take: 50,
    select: {
      id: true,
      slug: true,
      name: true,
      versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true } },
    },
  });
  const named = matches.filter((t) => t.name === reference);
  const template =
    matches.find((t) => t.id === reference) ??
    matches.find((t) => t.slug === reference) ??
    (named.length === 1 ? named[0] : undefined);
  if (!template && named.length > 1)
    throw new AppError("CONFLICT", `${named.length} templates are named “${reference}”; name one by its id or slug.`, {
      code: "AMBIGUOUS_TEMPLATE",
      candidates: named.map(({ id, slug, name }) => ({ id, slug, name })),
    });
  const latest = template?.versions[0];
  if (!template || !latest)
    throw new AppError("NOT_FOUND", `There is no template with the id, slug or name “${reference}”.`);
  return { ...latest, template: { name: template.name } };
}
