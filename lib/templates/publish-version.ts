// An edit of a template publishes a new, immutable version; older versions stay as they
// were, and deployments pinned to them are unaffected.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { diffStructures, isEmptyDiff } from "@/lib/templates/diff";
import { exportTemplateMarkdown } from "@/lib/templates/markdown/export";
import { insertVersion, readVersionStructure } from "@/lib/templates/store-version";
import { publishVersionSchema } from "@/lib/templates/schemas";

export async function publishTemplateVersion(
  actor: Actor | null,
  input: z.input<typeof publishVersionSchema>,
  options?: DomainOptions,
): Promise<{ templateId: string; versionId: string; number: number }> {
  requirePermission(actor, "template:edit");
  const data = parseInput(publishVersionSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Template" WHERE id = ${data.templateId} AND "archivedAt" IS NULL FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "That template does not exist.");
    const latest = await tx.templateVersion.findFirstOrThrow({
      where: { templateId: data.templateId },
      orderBy: { number: "desc" },
      select: { id: true, number: true, requiredApprovals: true, allowCriticalWaivers: true, highBlocksGate: true },
    });
    if (latest.number !== data.baseVersion) {
      throw new AppError(
        "CONFLICT",
        `Version ${latest.number} was published while you were editing version ${data.baseVersion}; reload to edit the latest.`,
      );
    }
    const previous = (await readVersionStructure(tx, latest.id))!;
    const diff = diffStructures(previous, data.structure);
    const requiredApprovals = data.requiredApprovals ?? latest.requiredApprovals;
    const allowCriticalWaivers = data.allowCriticalWaivers ?? latest.allowCriticalWaivers;
    const highBlocksGate = data.highBlocksGate ?? latest.highBlocksGate;
    if (
      isEmptyDiff(diff) &&
      previous.reviewIntervalDays === data.structure.reviewIntervalDays &&
      requiredApprovals === latest.requiredApprovals &&
      allowCriticalWaivers === latest.allowCriticalWaivers &&
      highBlocksGate === latest.highBlocksGate
    ) {
      throw new AppError("BAD_REQUEST", "Nothing changed, so no new version was published.");
    }
    const number = latest.number + 1;
    const versionId = await insertVersion(tx, {
      templateId: data.templateId,
      number,
      structure: data.structure,
      sourceMarkdown: exportTemplateMarkdown(data.structure),
      createdById: actor.id,
      changeNote: data.changeNote,
      requiredApprovals,
      allowCriticalWaivers,
      highBlocksGate,
    });
    await tx.template.update({
      where: { id: data.templateId },
      data: { name: data.structure.title },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "template.publish",
      entityType: "Template",
      entityId: data.templateId,
      before: {
        version: latest.number,
        reviewIntervalDays: previous.reviewIntervalDays,
        requiredApprovals: latest.requiredApprovals,
        allowCriticalWaivers: latest.allowCriticalWaivers,
        highBlocksGate: latest.highBlocksGate,
      },
      after: {
        version: number,
        changeNote: data.changeNote ?? null,
        reviewIntervalDays: data.structure.reviewIntervalDays,
        requiredApprovals,
        allowCriticalWaivers,
        highBlocksGate,
        diff,
      },
    });
    return { templateId: data.templateId, versionId, number };
  });
}
