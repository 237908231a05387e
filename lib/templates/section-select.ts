import type { Prisma } from "@/lib/generated/prisma/client";

/** A section with what a refusal names (its title, kind, template and version) — the
 * common part of what a schedule and a procedure run read before they start. */
export const sectionOfTemplateSelect = {
  id: true,
  title: true,
  kind: true,
  templateVersion: { select: { number: true, template: { select: { name: true, archivedAt: true } } } },
} satisfies Prisma.SectionSelect;
