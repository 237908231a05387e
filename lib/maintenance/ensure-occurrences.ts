// The app's entry point to occurrence generation: the maintenance board calls it before it
// reads, so this period's lists exist even when no external scheduler runs the tick.
import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/db/client";
import { generateOccurrences, type GenerationSummary } from "@/lib/maintenance/generate-occurrences";

export async function ensureOccurrences(now: Date = new Date(), client: PrismaClient = db): Promise<GenerationSummary> {
  return generateOccurrences(client, now, { actorLabel: "system" });
}
