// Inputs of the template use cases, shared by forms, server actions and the CLI.
import { z } from "zod";
import { CADENCES, PRIORITIES, SECTION_KINDS } from "@/lib/templates/markdown/types";

export const sectionOverrideSchema = z.object({
  index: z.number().int().min(0),
  kind: z.enum(SECTION_KINDS),
  priority: z.enum(PRIORITIES).nullable(),
  cadence: z.enum(CADENCES).nullable(),
});

export type SectionOverride = z.infer<typeof sectionOverrideSchema>;

export const importOverridesSchema = z.array(sectionOverrideSchema).max(200);
