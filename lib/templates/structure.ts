// A template version's structure with stable keys: what the database stores, the editor
// edits and the diff compares. Shared by server and browser (the editor). Keys survive edits, so unchanged items can be matched
// across versions (and a deployment moved to a newer version keeps their states).
import { z } from "zod";
import { groupSlug } from "@/lib/groups/schemas";
import { CADENCES, PRIORITIES, SECTION_KINDS } from "@/lib/templates/markdown/types";

export const MAX_ITEM_TEXT = 2_000;
const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "is not a valid key");

export const MAX_ITEM_DETAILS = 20_000;

/** The slug of the reviewer group one of whose members must approve; absent or null: none.
 * Stored as the group's id (store-version.ts); imported templates name none. */
const approverGroup = groupSlug.nullish();

/** `details`: Markdown under the item that is not a box (absent or null when none). */
export type StructureItem = { key: string; text: string; details?: string | null; children: StructureItem[] };

const itemSchema: z.ZodType<StructureItem> = z.lazy(() =>
  z.object({
    key,
    text: z
      .string()
      .trim()
      .min(1, "An item needs text.")
      .max(MAX_ITEM_TEXT, `An item's text is limited to ${MAX_ITEM_TEXT} characters.`),
    details: z
      .string()
      .max(MAX_ITEM_DETAILS, `An item's details are limited to ${MAX_ITEM_DETAILS.toLocaleString("en-US")} characters.`)
      .nullish(),
    children: z.array(itemSchema).max(500),
  }),
);

export const sectionSchema = z.object({
  key,
  title: z.string().trim().min(1, "A section needs a title.").max(200),
  kind: z.enum(SECTION_KINDS),
  priority: z.enum(PRIORITIES).nullable(),
  cadence: z.enum(CADENCES).nullable(),
  content: z.string().max(200_000).nullable(),
  items: z.array(itemSchema).max(2_000),
  approverGroup,
});

export const structureSchema = z
  .object({
    title: z.string().trim().min(1, "The template needs a title.").max(200),
    reviewIntervalDays: z.number().int().min(1).max(3650),
    sections: z.array(sectionSchema).min(1, "A template needs at least one section.").max(200),
    /** For the whole checklist. */
    approverGroup,
    /** Front matter besides the title, as written (TemplateVersion.metadata); kept by edits, exported back. */
    metadata: z
      .record(z.string().max(200), z.string().max(20_000))
      .refine((m) => Object.keys(m).length <= 100, "Front matter is limited to 100 keys.")
      .optional(),
  })
  .superRefine((structure, ctx) => {
    const seen = new Set<string>();
    const visit = (items: StructureItem[]) => {
      for (const item of items) {
        if (seen.has(item.key))
          ctx.addIssue({ code: "custom", message: `Item key ${item.key} is used twice.`, path: ["sections"] });
        seen.add(item.key);
        visit(item.children);
      }
    };
    const sectionKeys = new Set<string>();
    for (const section of structure.sections) {
      if (sectionKeys.has(section.key))
        ctx.addIssue({ code: "custom", message: `Section key ${section.key} is used twice.`, path: ["sections"] });
      sectionKeys.add(section.key);
      if (section.kind === "MAINTENANCE" && !section.cadence) {
        ctx.addIssue({
          code: "custom",
          message: `Maintenance section “${section.title}” needs a cadence.`,
          path: ["sections"],
        });
      }
      visit(section.items);
    }
  });

export type TemplateStructure = z.infer<typeof structureSchema>;
export type StructureSection = TemplateStructure["sections"][number];

/** A fresh key for an item or section added in the editor. */
export function newKey(prefix: "i" | "s"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
