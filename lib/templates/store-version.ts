// Writes and reads a template version's sections and item tree.
import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";

type Tx = Prisma.TransactionClient;

export type NewVersion = {
  templateId: string;
  number: number;
  structure: TemplateStructure;
  sourceMarkdown: string;
  createdById: string | null;
  changeNote?: string;
  /** Distinct approvals a deployment of this version needs (1–5). */
  requiredApprovals: number;
  /** The gate's options of this version (both off when absent). */
  allowCriticalWaivers?: boolean;
  highBlocksGate?: boolean;
};

export async function insertVersion(tx: Tx, version: NewVersion): Promise<string> {
  const groupId = await approverGroupIds(tx, version.structure);
  const { id } = await tx.templateVersion.create({
    data: {
      templateId: version.templateId,
      number: version.number,
      title: version.structure.title,
      sourceMarkdown: version.sourceMarkdown,
      ...(version.structure.metadata ? { metadata: version.structure.metadata } : {}),
      createdById: version.createdById,
      changeNote: version.changeNote ?? null,
      reviewIntervalDays: version.structure.reviewIntervalDays,
      requiredApprovals: version.requiredApprovals,
      allowCriticalWaivers: version.allowCriticalWaivers ?? false,
      highBlocksGate: version.highBlocksGate ?? false,
      approverGroupId: groupId(version.structure.approverGroup),
    },
    select: { id: true },
  });
  const sections: Prisma.SectionCreateManyInput[] = [];
  const items: Prisma.ItemCreateManyInput[] = [];
  version.structure.sections.forEach((section, position) => {
    const sectionId = randomUUID();
    sections.push({
      id: sectionId,
      templateVersionId: id,
      key: section.key,
      position,
      title: section.title,
      kind: section.kind,
      priority: section.priority,
      cadence: section.cadence,
      content: section.content,
      approverGroupId: groupId(section.approverGroup),
    });
    const flatten = (children: StructureItem[], parentId: string | null, depth: number) =>
      children.forEach((item, index) => {
        const itemId = randomUUID();
        items.push({
          id: itemId,
          templateVersionId: id,
          sectionId,
          parentId,
          key: item.key,
          position: index,
          depth,
          isLeaf: item.children.length === 0,
          text: item.text,
          details: item.details || null,
        });
        flatten(item.children, itemId, depth + 1);
      });
    flatten(section.items, null, 0);
  });
  await tx.section.createMany({ data: sections });
  // Parents come before their children in `items`, so the self-reference is satisfied.
  await tx.item.createMany({ data: items });
  return id;
}

/**
 * The ids of the reviewer groups the structure names by slug, as a lookup; an unknown slug
 * is a 400 naming it. The groups are held FOR SHARE until the caller's transaction ends, so
 * a group cannot be deleted between this check and the commit (deleteGroup locks it FOR
 * UPDATE, then finds this version).
 */
async function approverGroupIds(
  tx: Tx,
  structure: TemplateStructure,
): Promise<(slug?: string | null) => string | null> {
  const named = [
    { slug: structure.approverGroup, where: "The whole checklist" },
    ...structure.sections.map((section) => ({ slug: section.approverGroup, where: `Section “${section.title}”` })),
  ].filter((entry): entry is { slug: string; where: string } => Boolean(entry.slug));
  const slugs = [...new Set(named.map((entry) => entry.slug))];
  const found =
    slugs.length === 0
      ? []
      : await tx.$queryRaw<{ id: string; slug: string }[]>`
          SELECT id, slug FROM "ReviewerGroup" WHERE slug = ANY(${slugs}::text[]) ORDER BY id FOR SHARE`;
  const ids = new Map(found.map((group) => [group.slug, group.id]));
  const unknown = named.find((entry) => !ids.has(entry.slug));
  if (unknown)
    throw new AppError(
      "BAD_REQUEST",
      `${unknown.where} needs approval from the group “${unknown.slug}”, but there is no reviewer group with that slug. Create it under Administration → Reviewer groups, or choose another.`,
    );
  return (slug) => (slug ? ids.get(slug)! : null);
}

type Reader = Pick<Tx, "templateVersion">;

/** A stored version back as a structure (sections in order, item trees rebuilt). */
export async function readVersionStructure(db: Reader, versionId: string): Promise<TemplateStructure | null> {
  const version = await db.templateVersion.findUnique({
    where: { id: versionId },
    select: {
      title: true,
      reviewIntervalDays: true,
      metadata: true,
      approverGroup: { select: { slug: true } },
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          title: true,
          kind: true,
          priority: true,
          cadence: true,
          content: true,
          approverGroup: { select: { slug: true } },
        },
      },
      items: {
        orderBy: [{ depth: "asc" }, { position: "asc" }],
        select: { id: true, sectionId: true, parentId: true, key: true, text: true, details: true },
      },
    },
  });
  if (!version) return null;
  const nodes = new Map<string, StructureItem>();
  const roots = new Map<string, StructureItem[]>();
  for (const item of version.items) {
    const node: StructureItem = {
      key: item.key,
      text: item.text,
      ...(item.details ? { details: item.details } : {}),
      children: [],
    };
    nodes.set(item.id, node);
    const siblings = item.parentId
      ? nodes.get(item.parentId)!.children
      : (roots.get(item.sectionId) ?? roots.set(item.sectionId, []).get(item.sectionId)!);
    siblings.push(node);
  }
  return {
    title: version.title,
    reviewIntervalDays: version.reviewIntervalDays,
    // A group is present only when named, as details and metadata are: structures compared
    // with the one read back need not spell out `approverGroup: null`.
    sections: version.sections.map(({ id, approverGroup, ...section }) => ({
      ...section,
      ...(approverGroup ? { approverGroup: approverGroup.slug } : {}),
      items: roots.get(id) ?? [],
    })),
    ...(isMetadata(version.metadata) ? { metadata: version.metadata } : {}),
    ...(version.approverGroup ? { approverGroup: version.approverGroup.slug } : {}),
  };
}

function isMetadata(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.values(value).every((v) => typeof v === "string")
  );
}
