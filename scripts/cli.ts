// npm run cli -- <command>
//   template import <file> [--dry-run] [--json]   import a Markdown checklist as a template
// Expected failures print one line on stderr and exit non-zero; --json output goes to
// stdout only (logs go to stderr), so it can be piped.
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { createTemplateFromMarkdown, previewTemplateImport } from "@/lib/templates/import-template";
import { formatSummary, summarizeTemplate, toImportJson } from "@/lib/templates/markdown/summary";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import { exitWith, withDatabase } from "./lib/bootstrap";

const usage = `Usage:
  npm run cli -- template import <file> [--dry-run] [--json]`;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: false,
  options: { "dry-run": { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean" } },
});

const [group, command, file] = positionals;
if (values.help || !group) {
  console.log(usage);
  process.exit(group ? 0 : 2);
}

try {
  if (group === "template" && command === "import") await templateImport(file, Boolean(values["dry-run"]), Boolean(values.json));
  else exitWith(`Unknown command “${positionals.join(" ")}”.\n${usage}`, 2);
} catch (error) {
  if (error instanceof AppError) exitWith(error.message);
  throw error;
}

async function templateImport(file: string | undefined, dryRun: boolean, json: boolean) {
  if (!file) exitWith(`Name the Markdown file to import.\n${usage}`, 2);
  const bytes = readSource(file);
  const { template, warnings } = previewTemplateImport(bytes);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  if (dryRun) {
    console.log(json ? JSON.stringify(toImportJson(template), null, 2) : formatSummary(summarizeTemplate(template)));
    return;
  }
  await withDatabase(async (database) => {
    await migrate(database.url);
    const prisma = createPrismaClient(database.url, { max: 2 });
    try {
      const imported = await createTemplateFromMarkdown(prisma, { source: bytes }, { actorLabel: "cli" });
      console.log(json ? JSON.stringify({ ...imported, title: template.title }) : `Imported “${template.title}” as template ${imported.slug} (version 1).`);
    } finally {
      await prisma.$disconnect();
    }
  });
}

function readSource(file: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) exitWith(`${file} is not a file.`);
    size = stat.size;
  } catch {
    exitWith(`Cannot read ${file}: no such file.`);
  }
  if (size > MAX_TEMPLATE_BYTES) exitWith(`The file is larger than 1 MB (${(size / MAX_TEMPLATE_BYTES).toFixed(1)} MB).`);
  return new Uint8Array(readFileSync(file));
}
