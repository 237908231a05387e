// The sections a person can build on: those of each active template's latest version.
// Shared by the "create schedule" (MAINTENANCE) and "start run" (PROCEDURE) pickers.
import "server-only";
import { db } from "@/lib/db";
import type { Cadence, SectionKind } from "@/lib/generated/prisma/enums";

export type SectionOption = {
  id: string;
  key: string;
  title: string;
  cadence: Cadence | null;
  leafCount: number;
  topLevelCount: number;
  templateId: string;
  templateName: string;
  versionNumber: number;
};

export async function listLatestSections(
  kind: Extract<SectionKind, "MAINTENANCE" | "PROCEDURE">,
): Promise<SectionOption[]> {
  const templates = await db.template.findMany({
    where: { archivedAt: null },
    // Oldest first among equal names, so the seeded template leads its re-imported copies.
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      versions: {
        orderBy: { number: "desc" },
        take: 1,
        select: {
          number: true,
          sections: {
            where: kind === "MAINTENANCE" ? { kind, cadence: { not: null } } : { kind },
            orderBy: { position: "asc" },
            select: {
              id: true,
              key: true,
              title: true,
              cadence: true,
              items: { select: { isLeaf: true, depth: true } },
            },
          },
        },
      },
    },
  });
  return templates.flatMap((template) =>
    (template.versions[0]?.sections ?? [])
      .filter((section) => section.items.length > 0)
      .map((section) => ({
        id: section.id,
        key: section.key,
        title: section.title,
        cadence: section.cadence,
        leafCount: section.items.filter((item) => item.isLeaf).length,
        topLevelCount: section.items.filter((item) => item.depth === 0).length,
        templateId: template.id,
        templateName: template.name,
        versionNumber: template.versions[0]!.number,
      })),
  );
}

/** Active users who may be given maintenance or procedure work. */
export async function listWorkers(): Promise<{ id: string; name: string }[]> {
  return db.user.findMany({
    where: { active: true, role: { not: "VIEWER" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/**
 * The section a link asked for: "?template=<templateId>&section=<section key>", as the
 * template page can build it from what it shows (keys are stable across versions).
 */
export function preselectedSection(
  options: SectionOption[],
  query: { template?: string | string[]; section?: string | string[] },
): string | undefined {
  const { template, section } = query;
  if (typeof template !== "string" || typeof section !== "string") return undefined;
  return options.find((option) => option.templateId === template && option.key === section)?.id;
}
