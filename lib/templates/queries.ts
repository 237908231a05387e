// Reading templates for the list and detail pages.
import "server-only";
import { z } from "zod";
import type { DownloadFile } from "@/lib/api/download";
import { db, dbOf, type DomainOptions } from "@/lib/db";
import { exportTemplateMarkdown } from "@/lib/templates/markdown/export";
import { readVersionStructure } from "@/lib/templates/store-version";
import { countLeaves } from "@/lib/templates/markdown/summary";
import type { TemplateStructure } from "@/lib/templates/structure";
import { isPlausibleId } from "@/lib/validation";
import { reviewHorizon, templateReviewDueWhere } from "@/lib/deployments/due-dates";

export type TemplateSummaryRow = {
  id: string;
  name: string;
  latestVersion: number;
  owner: string | null;
  reviewer: string | null;
  nextReviewAt: Date | null;
  /** The review date has passed. */
  needsReview: boolean;
  /** The review date is within the reminders' window (not yet passed). */
  reviewDueSoon: boolean;
  deployments: number;
};

/** `reviewDue`: only templates due for review within the reminders' window or past (the
 * overview's "Templates due for review" card counts the same). */
export async function listTemplates(
  options: { reviewDue?: boolean } = {},
  now = new Date(),
): Promise<TemplateSummaryRow[]> {
  const templates = await db.template.findMany({
    where: options.reviewDue ? templateReviewDueWhere(now) : { archivedAt: null },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      nextReviewAt: true,
      owner: { select: { name: true } },
      reviewer: { select: { name: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
    },
  });
  const deploymentCounts = await db.$queryRaw<{ templateId: string; count: number }[]>`
    SELECT v."templateId", COUNT(d.id)::int AS count
      FROM "Deployment" d JOIN "TemplateVersion" v ON v.id = d."templateVersionId"
     GROUP BY 1`;
  const counts = new Map(deploymentCounts.map((row) => [row.templateId, row.count]));
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    latestVersion: t.versions[0]?.number ?? 0,
    owner: t.owner?.name ?? null,
    reviewer: t.reviewer?.name ?? null,
    nextReviewAt: t.nextReviewAt,
    needsReview: t.nextReviewAt !== null && t.nextReviewAt < now,
    reviewDueSoon: t.nextReviewAt !== null && t.nextReviewAt >= now && t.nextReviewAt <= reviewHorizon(now),
    deployments: counts.get(t.id) ?? 0,
  }));
}

export type GateOptions = { allowCriticalWaivers: boolean; highBlocksGate: boolean };

export type TemplateDetail = {
  id: string;
  slug: string;
  name: string;
  /** The selected version's. */
  reviewIntervalDays: number;
  requiredApprovals: number;
  /** The selected version's gate options. */
  gateOptions: GateOptions;
  /** The latest version's interval: the template's, which a review starts again. */
  latestReviewIntervalDays: number;
  owner: string | null;
  reviewer: string | null;
  ownerId: string | null;
  reviewerId: string | null;
  lastReviewedAt: Date | null;
  nextReviewAt: Date | null;
  needsReview: boolean;
  versions: { id: string; number: number; createdAt: Date; createdBy: string | null; changeNote: string | null }[];
  version: { id: string; number: number; structure: TemplateStructure; leafCounts: number[] };
  previous: { number: number; structure: TemplateStructure } | null;
};

/** A template with one of its versions (the latest unless `versionNumber` is given). */
export async function getTemplateDetail(
  templateId: string,
  versionNumber?: number,
  now = new Date(),
): Promise<TemplateDetail | null> {
  if (!isPlausibleId(templateId)) return null;
  const template = await db.template.findFirst({
    where: { id: templateId, archivedAt: null },
    select: {
      id: true,
      slug: true,
      name: true,
      lastReviewedAt: true,
      nextReviewAt: true,
      ownerId: true,
      reviewerId: true,
      owner: { select: { name: true } },
      reviewer: { select: { name: true } },
      versions: {
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          createdAt: true,
          changeNote: true,
          reviewIntervalDays: true,
          requiredApprovals: true,
          allowCriticalWaivers: true,
          highBlocksGate: true,
          createdBy: { select: { name: true } },
        },
      },
    },
  });
  if (!template) return null;
  const selected =
    versionNumber === undefined ? template.versions[0] : template.versions.find((v) => v.number === versionNumber);
  if (!selected) return null;
  const structure = (await readVersionStructure(db, selected.id))!;
  const previousVersion = template.versions.find((v) => v.number === selected.number - 1);
  const previous = previousVersion
    ? { number: previousVersion.number, structure: (await readVersionStructure(db, previousVersion.id))! }
    : null;
  const { reviewIntervalDays, requiredApprovals, allowCriticalWaivers, highBlocksGate } = selected;
  return {
    ...template,
    reviewIntervalDays,
    requiredApprovals,
    gateOptions: { allowCriticalWaivers, highBlocksGate },
    latestReviewIntervalDays: template.versions[0]!.reviewIntervalDays,
    owner: template.owner?.name ?? null,
    reviewer: template.reviewer?.name ?? null,
    needsReview: template.nextReviewAt !== null && template.nextReviewAt < now,
    versions: template.versions.map((v) => ({
      id: v.id,
      number: v.number,
      createdAt: v.createdAt,
      createdBy: v.createdBy?.name ?? null,
      changeNote: v.changeNote,
    })),
    version: {
      id: selected.id,
      number: selected.number,
      structure,
      leafCounts: structure.sections.map((s) => countLeaves(s.items)),
    },
    previous,
  };
}

export type TemplateVersionChoice = { id: string; label: string };

/** Every version of every active template, newest first within a template, for starting a
 * deployment: "Name — v3 (latest)". */
export async function listTemplateVersionsForNewDeployment(options?: DomainOptions): Promise<TemplateVersionChoice[]> {
  const templates = await dbOf(options).template.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { name: true, versions: { orderBy: { number: "desc" }, select: { id: true, number: true } } },
  });
  return templates.flatMap((t) =>
    t.versions.map((v, index) => ({ id: v.id, label: `${t.name} — v${v.number}${index === 0 ? " (latest)" : ""}` })),
  );
}

export const templateExportQuery = z.object({
  v: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "must be a version number")
    .transform(Number)
    .optional(),
});

/** One version (the latest unless `versionNumber`) as Markdown that imports back to the same
 * structure; null when the template or the version does not exist. `ref`: its id or slug. */
export async function exportTemplateVersion(
  ref: string,
  versionNumber?: number,
  options?: DomainOptions,
): Promise<DownloadFile | null> {
  const found = await findTemplateVersion(ref, versionNumber, options);
  if (!found?.version) return null;
  const structure = (await readVersionStructure(dbOf(options), found.version.id))!;
  return {
    body: exportTemplateMarkdown(structure),
    filename: `${found.slug}-v${found.version.number}.md`,
    contentType: "text/markdown; charset=utf-8",
  };
}

/** An active template by id or slug with the chosen version (the latest unless
 * `versionNumber`; null when it has no such version) and its latest number. */
export async function findTemplateVersion(ref: string, versionNumber?: number, options?: DomainOptions) {
  const template = await dbOf(options).template.findFirst({
    where: { archivedAt: null, OR: [{ slug: ref }, ...(isPlausibleId(ref) ? [{ id: ref }] : [])] },
    select: { slug: true, versions: { orderBy: { number: "desc" }, select: { id: true, number: true } } },
  });
  if (!template) return null;
  const version =
    versionNumber === undefined ? template.versions[0] : template.versions.find((v) => v.number === versionNumber);
  return { slug: template.slug, latest: template.versions[0]?.number ?? 0, version: version ?? null };
}
