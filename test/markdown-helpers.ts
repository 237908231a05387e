// For the Markdown parser's tests and the components built on it: the reference
// checklist and small assertion helpers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTemplateMarkdown } from "@/lib/templates/markdown/parse";
import type { ParsedTemplate } from "@/lib/templates/markdown/types";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The reference checklist the product ships (prisma/seed), kept byte for byte. */
export const SEED_FIXTURE = path.resolve(here, "../prisma/seed/production-security-checklist.md");
/** sha256 of the reference checklist as the product received it (mojibake included). */
export const SEED_SHA256 = "a501bb3c8a89d668b89e916bfa2cba9f71af2d3aa312e222b756185774b604e7";

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
