// Shared by the *.test.ts files: the seed fixture and small assertion helpers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTemplateMarkdown } from "./parse";
import type { ParsedTemplate } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Byte-for-byte copy of the shared seed, so the repo's tests are self-contained. */
export const SEED_FIXTURE = path.join(here, "fixtures/production-security-checklist.md");
/** The original, outside the repo; tests that need it skip when it is absent. */
export const SHARED_SEED = path.resolve(here, "../../../../shared/seeds/production-security-checklist.md");

export function readSeed(): Uint8Array {
  return new Uint8Array(readFileSync(SEED_FIXTURE));
}

export function parseOk(input: string | Uint8Array): { template: ParsedTemplate; warnings: string[] } {
  const result = parseTemplateMarkdown(input);
  if (!result.ok) throw new Error(`expected a template, got: ${result.error}`);
  return { template: result.template, warnings: result.warnings };
}

export function parseError(input: string | Uint8Array): string {
  const result = parseTemplateMarkdown(input);
  if (result.ok) throw new Error("expected an error, got a template");
  return result.error;
}
