// Turns a Markdown checklist into a new template (version 1), or into a preview of what
// would be imported. Nothing is stored unless the whole file is understood.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { decodeInput, MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import type { ParsedTemplate } from "@/lib/templates/markdown/types";
import { checkStructure } from "@/lib/templates/import-limits";
import { parseInWorker } from "@/lib/templates/parse-worker/parse-in-worker";
import { importSourceSchema, templateSourceSchema, type SectionOverride } from "@/lib/templates/schemas";
import { insertVersion } from "@/lib/templates/store-version";
import type { TemplateStructure } from "@/lib/templates/structure";

/** `why`: per section, why it got its kind and priority. `untitled`: the file names no title
 * and none was given, so the form asks for one. */
export type ImportPreview = { template: ParsedTemplate; warnings: string[]; why: string[]; untitled: boolean };

/** What the import form would store; stores nothing. */
export async function previewTemplateImport(
  actor: Actor | null,
  input: z.input<typeof importSourceSchema>,
): Promise<ImportPreview> {
  requirePermission(actor, "template:import");
  const { source, overrides, title } = formSource(input);
  const { template, warnings, why, untitled } = await readChecked(source, overrides, title);
  return { template, warnings, why, untitled };
}

/** Parses without storing (the CLI's dry run, and every import's first step); a file that
 * cannot be imported is a 422 with the reason. */
export async function readTemplateMarkdown(
  source: string | Uint8Array,
  overrides: SectionOverride[] = [],
  /** The title when the file names none (the CLI passes the file's name). */
  title?: string,
): Promise<ImportPreview> {
  const { template, warnings, why, untitled } = await readChecked(source, overrides, title);
  return { template, warnings, why, untitled };
}

/** One read for the preview, the dry run and the import, so all three refuse the same files:
 * the parse runs in a worker under its time and memory limits, then the stored structure's
 * limits are checked. */
async function readChecked(
  source: string | Uint8Array,
  overrides: SectionOverride[],
  fallbackTitle?: string,
): Promise<ImportPreview & { structure: TemplateStructure; sourceMarkdown: string }> {
  // Decoding is linear and names encoding problems itself; only the parse needs the worker.
  const decoded = decodeInput(source);
  if (!decoded.ok) throw new AppError("UNPROCESSABLE", decoded.error);
  const result = await parseInWorker(decoded.text);
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
  // No H1 and no front matter title: the caller's (a file name, or what the person typed).
  const title = result.template.title || fallbackTitle?.trim() || "";
  const template = {
    ...result.template,
    title,
    sections: sections.map((s) => (s.title === "" ? { ...s, title: title || "Untitled" } : s)),
  };
  // An untitled file still previews (the form then asks for a title); storing it is refused.
  const checked = checkStructure({ ...template, title: title || "Untitled" }, decoded.text);
  if (!checked.ok) throw new AppError("UNPROCESSABLE", checked.error);
  const warnings = [...(decoded.warnings ?? []), ...result.warnings];
  return {
    template,
    warnings,
    why: result.why ?? [],
    untitled: title === "",
    structure: checked.structure,
    sourceMarkdown: decoded.text,
  };
}

export type ImportedTemplate = { templateId: string; versionId: string; slug: string };

export async function importTemplate(
  actor: Actor | null,
  input: z.input<typeof importSourceSchema>,
  options?: DomainOptions,
): Promise<ImportedTemplate> {
  requirePermission(actor, "template:import");
  return createTemplateFromMarkdown({ actorId: actor.id }, formSource(input), options);
}

/** The form's text or file as one source; a file over the limit is refused before parsing. */
function formSource(input: z.input<typeof importSourceSchema>): {
  source: string | Uint8Array;
  overrides: SectionOverride[];
  title?: string;
} {
  const { text, file, overrides, title } = parseInput(importSourceSchema, input);
  if (file && file.byteLength > MAX_TEMPLATE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 1 MB.");
  return { source: file ?? text!, overrides, ...(title ? { title } : {}) };
}

/** The import itself, for callers that already checked who may do it (the seed, the CLI). */
export async function createTemplateFromMarkdown(
  by: { actorId: string } | { actorLabel: string },
  input: z.input<typeof templateSourceSchema>,
  options?: DomainOptions,
): Promise<ImportedTemplate> {
  const { source, overrides, slug: chosenSlug, title } = parseInput(templateSourceSchema, input);
  const actorId = "actorId" in by ? by.actorId : null;
  const { structure, sourceMarkdown, untitled } = await readChecked(source, overrides, title);
  if (untitled) {
    throw new AppError(
      "UNPROCESSABLE",
      "The file names no title (no “# Title” heading, no title or name in its front matter): give the template a title.",
      undefined,
      { title: "Give the template a title." },
    );
  }
  const base = chosenSlug ?? slugify(structure.title);
  const db = dbOf(options);

  for (let attempt = 1; attempt <= 20; attempt++) {
    const slug = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      return await db.$transaction(async (tx) => {
        const now = new Date();
        const created = await tx.template.create({
          data: {
            slug,
            name: structure.title,
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
          requiredApprovals: 1,
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
      if (!isUniqueViolation(error) || chosenSlug) throw error;
      // Another template has this slug: try the next suffix.
    }
  }
  throw new AppError("CONFLICT", `Too many templates are named “${structure.title}”; rename this one.`);
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
