// Writes and reads a template version's sections and item tree.
import "server-only";
import { randomUUID } from "node:crypto";
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
};

export async function insertVersion(tx: Tx, version: NewVersion): Promise<string> {
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

type Reader = Pick<Tx, "templateVersion">;

/** A stored version back as a structure (sections in order, item trees rebuilt). */
export async function readVersionStructure(db: Reader, versionId: string): Promise<TemplateStructure | null> {
  const version = await db.templateVersion.findUnique({
    where: { id: versionId },
    select: {
      title: true,
      reviewIntervalDays: true,
      metadata: true,
      sections: {
        orderBy: { position: "asc" },
        select: { id: true, key: true, title: true, kind: true, priority: true, cadence: true, content: true },
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
    sections: version.sections.map(({ id, ...section }) => ({ ...section, items: roots.get(id) ?? [] })),
    ...(isMetadata(version.metadata) ? { metadata: version.metadata } : {}),
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
