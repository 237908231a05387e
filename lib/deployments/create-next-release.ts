// "New release from this one": the next deployment of the same service and environment, on
// the template's latest version (not the one the earlier release ran on), every item OPEN.
// The earlier release's owner keeps the work while they still can do it.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { insertDeployment } from "@/lib/deployments/create-deployment";
import { createNextReleaseSchema } from "@/lib/deployments/schemas";
import { AppError, invalidField } from "@/lib/errors";

export async function createNextRelease(
  actor: Actor | null,
  input: z.input<typeof createNextReleaseSchema>,
  options?: DomainOptions,
): Promise<{ id: string }> {
  requirePermission(actor, "deployment:create");
  const data = parseInput(createNextReleaseSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const source = await tx.deployment.findUnique({
      where: { id: data.deploymentId },
      select: {
        id: true,
        service: true,
        environment: true,
        version: true,
        owner: { select: { id: true, active: true, role: true } },
        templateVersion: {
          select: {
            template: {
              select: {
                name: true,
                archivedAt: true,
                versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } },
              },
            },
          },
        },
      },
    });
    if (!source) throw new AppError("NOT_FOUND", "That deployment does not exist.");
    const { template } = source.templateVersion;
    if (template.archivedAt)
      throw new AppError(
        "CONFLICT",
        `The template “${template.name}” is archived; start the next release from a template in use.`,
      );
    if (data.version === source.version)
      throw invalidField("version", `The next release needs a version other than ${source.version}.`);
    const owner = source.owner.active && source.owner.role !== "VIEWER" ? source.owner.id : actor.id;
    return insertDeployment(
      tx,
      actor,
      {
        service: source.service,
        environment: source.environment,
        version: data.version,
        targetDate: data.targetDate,
        ownerId: owner,
        templateVersionId: template.versions[0]!.id,
      },
      { from: source.id, description: `Next release after ${source.version}` },
    );
  });
}
