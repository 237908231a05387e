// An edit of a template publishes a new, immutable version; older versions stay as they
// were, and deployments pinned to them are unaffected.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { diffStructures, isEmptyDiff } from "@/lib/templates/diff";
import { exportTemplateMarkdown } from "@/lib/templates/markdown/export";
import { insertVersion, readVersionStructure } from "@/lib/templates/store-version";
import type { TemplateStructure } from "@/lib/templates/structure";

export type PublishInput = {
  templateId: string;
  baseVersion: number;
  structure: TemplateStructure;
  changeNote?: string;
};

export async function publishTemplateVersion(
  actor: Actor | null,
  input: PublishInput,
): Promise<{ versionId: string; number: number }> {
  requirePermission(actor, "template:edit");
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Template" WHERE id = ${input.templateId} AND "archivedAt" IS NULL FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "That template does not exist.");
    const latest = await tx.templateVersion.findFirstOrThrow({
      where: { templateId: input.templateId },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    if (latest.number !== input.baseVersion) {
      throw new AppError(
        "CONFLICT",
        `Version ${latest.number} was published while you were editing version ${input.baseVersion}; reload to edit the latest.`,
      );
    }
    const previous = (await readVersionStructure(tx, latest.id))!;
    const diff = diffStructures(previous, input.structure);
    if (isEmptyDiff(diff) && previous.reviewIntervalDays === input.structure.reviewIntervalDays) {
      throw new AppError("BAD_REQUEST", "Nothing changed, so no new version was published.");
    }
    const number = latest.number + 1;
    const versionId = await insertVersion(tx, {
      templateId: input.templateId,
      number,
      structure: input.structure,
      sourceMarkdown: exportTemplateMarkdown(input.structure),
      createdById: actor.id,
      changeNote: input.changeNote,
    });
    await tx.template.update({
      where: { id: input.templateId },
      data: { name: input.structure.title, reviewIntervalDays: input.structure.reviewIntervalDays },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "template.publish",
      entityType: "Template",
      entityId: input.templateId,
      before: { version: latest.number },
      after: { version: number, changeNote: input.changeNote ?? null, diff },
    });
    return { versionId, number };
  });
}
