// The app's entry point to occurrence generation: the maintenance board calls it before it
// reads, so this period's lists exist even before the next maintenance tick (a job every 5 minutes).
import "server-only";
import type { DomainOptions } from "@/lib/db";
import { generateOccurrences, type GenerationSummary } from "@/lib/maintenance/generate-occurrences";

export async function ensureOccurrences(options: DomainOptions & { now?: Date } = {}): Promise<GenerationSummary> {
  return generateOccurrences({ actorLabel: "system" }, {}, options);
}
