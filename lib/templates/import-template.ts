// Turns a Markdown checklist into a new template (version 1), or into a preview of what
// would be imported. Nothing is stored unless the whole file is understood.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import type { PrismaClient } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { decodeInput } from "@/lib/templates/markdown/decode";
import { parseTemplateMarkdown } from "@/lib/templates/markdown/parse";
import type { ParsedTemplate } from "@/lib/templates/markdown/types";
import type { SectionOverride } from "@/lib/templates/schemas";
import { withDerivedKeys } from "@/lib/templates/derive-keys";
import { insertVersion } from "@/lib/templates/store-version";
import { structureSchema, type TemplateStructure } from "@/lib/templates/structure";

export type ImportPreview = { template: ParsedTemplate; warnings: string[] };

/** Parses without storing; a file that cannot be imported is a 422 with the reason. */
export function previewTemplateImport(source: string | Uint8Array, overrides: SectionOverride[] = []): ImportPreview {
  const result = parseTemplateMarkdown(source);
  if (!result.ok) throw new AppError("UNPROCESSABLE", result.error);
  const sections = result.template.sections.map((section, index) => {
    const override = overrides.find((o) => o.index === index);
    return override
      ? { ...section, kind: override.kind, priority: override.priority, cadence: override.cadence }
      : section;
  });
  const badOverride = overrides.find((o) => o.index >= sections.length);
  if (badOverride)
    throw new AppError(
      "BAD_REQUEST",
      `There is no section ${badOverride.index + 1} to correct; the file has ${sections.length}.`,
    );
  return { template: { ...result.template, sections }, warnings: result.warnings };
}

export type ImportedTemplate = { templateId: string; versionId: string; slug: string };

type ImportInput = { source: string | Uint8Array; overrides?: SectionOverride[]; slug?: string };

export async function importTemplate(
  db: PrismaClient,
  actor: Actor | null,
  input: ImportInput,
): Promise<ImportedTemplate> {
  requirePermission(actor, "template:import");
  return createTemplateFromMarkdown(db, input, { actorId: actor.id });
}

/** The import itself, for callers that already checked who may do it (the seed). */
export async function createTemplateFromMarkdown(
  db: PrismaClient,
  input: ImportInput,
  by: { actorId: string } | { actorLabel: string },
): Promise<ImportedTemplate> {
  const actorId = "actorId" in by ? by.actorId : null;
  const { template } = previewTemplateImport(input.source, input.overrides);
  const structure = validStructure(template);
  const decoded = decodeInput(input.source);
  const sourceMarkdown = decoded.ok ? decoded.text : "";
  const base = input.slug ?? slugify(structure.title);

  for (let attempt = 1; attempt <= 20; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      return await db.$transaction(async (tx) => {
        const now = new Date();
        const created = await tx.template.create({
          data: {
            slug,
            name: structure.title,
            reviewIntervalDays: structure.reviewIntervalDays,
            ownerId: actorId,
            nextReviewAt: new Date(now.getTime() + structure.reviewIntervalDays * 86_400_000),
          },
        });
        const versionId = await insertVersion(tx, {
          templateId: created.id,
          number: 1,
          structure,
          sourceMarkdown,
          createdById: actorId,
          changeNote: "Imported from Markdown",
        });
        await recordAudit(tx, {
          ...by,
          action: "template.import",
          entityType: "Template",
          entityId: created.id,
          after: { slug, name: created.name, version: 1, sections: structure.sections.length },
        });
        return { templateId: created.id, versionId, slug };
      });
    } catch (error) {
      if (!isUniqueViolation(error) || input.slug) throw error;
      // Another template has this slug: try the next suffix.
    }
  }
  throw new AppError("CONFLICT", `Too many templates are named “${structure.title}”; rename this one.`);
}

function validStructure(template: ParsedTemplate): TemplateStructure {
  const parsed = structureSchema.safeParse(withDerivedKeys(template));
  if (!parsed.success) throw new AppError("UNPROCESSABLE", parsed.error.issues[0]!.message);
  return parsed.data;
}

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || "template";
}
