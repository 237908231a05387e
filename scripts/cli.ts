// npm run cli -- <command>
//   template import <file> [--dry-run] [--json]                import a Markdown checklist as a template
//   template export <id|slug> [--version N]                    print a template version's Markdown
//   user create --email <email> --role <role> [--name <name>]  create a user with a one-time password
//   user reset-password --email <email>                        give a user a new one-time password
//   token create --email <email> --scope <scope> [--scope …] [--name <name>] [--expires-days <N>]
//                                                               an API token for that user; prints its secret once
// Expected failures print one line on stderr and exit non-zero (2 for a bad argument);
// --json output and one-time passwords are all that goes to stdout (logs and remarks go
// to stderr), so they can be piped or captured.
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import path from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { roleLabels } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { createTemplateFromMarkdown, readTemplateMarkdown } from "@/lib/templates/import-template";
import { formatSummary, summarizeTemplate, toImportJson } from "@/lib/templates/markdown/summary";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import { exportTemplateVersion, findTemplateVersion } from "@/lib/templates/queries";
import { insertUserWithOneTimePassword } from "@/lib/users/create-user";
import { setOneTimePassword, userIdByEmail } from "@/lib/users/reset-password";
import { createUserSchema, userEmailSchema } from "@/lib/users/schemas";
import { attestationCommand, isAttestationCommand } from "./commands/attestation";
import { auditCommand, isAuditCommand } from "./commands/audit";
import { formatTickSummary, maintenanceTick } from "./commands/maintenance-tick";
import { tokenCreate } from "./commands/token-create";
import { formatDeliverySummary, webhooksDeliver } from "./commands/webhooks-deliver";
import { exitWith, withDatabase } from "./lib/bootstrap";

const usage = `Usage:
  npm run cli -- template import <file> [--dry-run] [--json]
  npm run cli -- template export <id|slug> [--version <N>]
  npm run cli -- user create --email <email> --role <ADMIN|MANAGER|REVIEWER|ENGINEER|VIEWER> [--name <name>]
  npm run cli -- user reset-password --email <email>
  npm run cli -- token create --email <email> --scope <READ|WRITE|GATE> [--scope …] [--name <name>] [--expires-days <1-3650>]
  npm run cli -- maintenance tick [--json]
  npm run cli -- audit verify [--json]
  npm run cli -- audit retain [--dry-run] [--json]
  npm run cli -- webhooks deliver [--json]
  npm run cli -- attestation verify <attestation.json> --key <keys.json | PEM file | URL> [--record <record.json>]
  npm run cli -- attestation rotate-key`;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  strict: false,
  options: {
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    help: { type: "boolean" },
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    scope: { type: "string", multiple: true },
    "expires-days": { type: "string" },
    version: { type: "string" },
    key: { type: "string" },
    record: { type: "string" },
  },
});

const [group, command, file] = positionals;
if (values.help || !group) {
  console.log(usage);
  process.exit(group ? 0 : 2);
}

try {
  if (group === "template" && command === "import")
    await templateImport(file, Boolean(values["dry-run"]), Boolean(values.json));
  else if (group === "template" && command === "export") await templateExport(file);
  else if (group === "user" && command === "create") await userCreate();
  else if (group === "user" && command === "reset-password") await userResetPassword();
  else if (group === "token" && command === "create")
    await tokenCreate(
      {
        email: option("email"),
        name: option("name"),
        scopes: (values.scope ?? []).filter((value): value is string => typeof value === "string"),
        expiresDays: option("expires-days"),
      },
      withPrisma,
    );
  else if (group === "maintenance" && command === "tick") await maintenanceTickCommand(Boolean(values.json));
  else if (group === "audit" && isAuditCommand(command))
    process.exit(
      await auditCommand(command, { json: Boolean(values.json), dryRun: Boolean(values["dry-run"]) }, withPrisma),
    );
  else if (group === "attestation" && isAttestationCommand(command))
    process.exit(await attestationCommand(command, { file, key: option("key"), record: option("record") }, withPrisma));
  else if (group === "webhooks" && command === "deliver") await webhooksDeliverCommand(Boolean(values.json));
  else exitWith(`Unknown command “${positionals.join(" ")}”.\n${usage}`, 2);
} catch (error) {
  if (error instanceof AppError) exitWith(error.message);
  throw error;
}

async function templateImport(file: string | undefined, dryRun: boolean, json: boolean) {
  if (!file) exitWith(`Name the Markdown file to import.\n${usage}`, 2);
  const bytes = readSource(file);
  // A file without an H1 or a front matter title is named after the file.
  const fileTitle = path.basename(file).replace(/\.(md|markdown|txt)$/i, "");
  const { template, warnings } = await readTemplateMarkdown(bytes, [], fileTitle);
  for (const warning of warnings) console.error(`warning: ${warning}`);
  if (dryRun) {
    console.log(json ? JSON.stringify(toImportJson(template), null, 2) : formatSummary(summarizeTemplate(template)));
    return;
  }
  const imported = await withPrisma((prisma) =>
    createTemplateFromMarkdown({ actorLabel: "cli" }, { source: bytes, title: fileTitle }, { db: prisma }),
  );
  console.log(
    json
      ? JSON.stringify({ ...imported, title: template.title })
      : `Imported “${template.title}” as template ${imported.slug} (version 1).`,
  );
}

/** The Markdown of one version (the latest unless --version), on stdout: importing it gives the same structure. */
async function templateExport(ref: string | undefined) {
  if (!ref) exitWith(`Name the template to export (its id or slug).\n${usage}`, 2);
  const raw = option("version");
  if (raw !== undefined && !/^[1-9]\d{0,5}$/.test(raw)) exitWith(`--version: “${raw}” is not a version number.`, 2);
  const versionNumber = raw === undefined ? undefined : Number(raw);
  const markdown = await withPrisma(async (prisma) => {
    const found = await findTemplateVersion(ref, versionNumber, { db: prisma });
    if (!found) throw new AppError("NOT_FOUND", `No active template has the id or slug “${ref}”.`);
    if (!found.version)
      throw new AppError(
        "NOT_FOUND",
        `Template ${found.slug} has no version ${versionNumber}; its versions are 1 to ${found.latest}.`,
      );
    return (await exportTemplateVersion(ref, found.version.number, { db: prisma }))!.body;
  });
  process.stdout.write(markdown);
}

/** A string option's value; `--email` without one is as good as missing. */
function option(name: "email" | "role" | "name" | "expires-days" | "version" | "key" | "record"): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

async function userCreate() {
  const email = option("email") ?? exitWith("--email: Give the user's email address.", 2);
  const parsed = createUserSchema.safeParse({
    email,
    role: option("role")?.trim().toUpperCase(),
    name: option("name") ?? email.split("@")[0],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    exitWith(`--${String(issue.path[0])}: ${issue.message}`, 2);
  }
  const { user, oneTimePassword } = await withPrisma((prisma) =>
    insertUserWithOneTimePassword({ actorLabel: "cli" }, parsed.data, { db: prisma }),
  );
  console.error(
    `Created ${user.email} (${roleLabels[user.role]}). Its one-time password follows; it is shown only this once and must be changed at first sign-in.`,
  );
  console.log(oneTimePassword);
}

async function userResetPassword() {
  const parsed = userEmailSchema.safeParse({
    email: option("email") ?? exitWith("--email: Give the user's email address.", 2),
  });
  if (!parsed.success) exitWith(`--email: ${parsed.error.issues[0]!.message}`, 2);
  const { user, oneTimePassword } = await withPrisma(async (prisma) =>
    setOneTimePassword(
      { actorLabel: "cli" },
      { userId: await userIdByEmail(parsed.data, { db: prisma }) },
      { db: prisma },
    ),
  );
  console.error(
    `Reset the password of ${user.email}; their sessions have ended and their API tokens are revoked. The new one-time password follows; it is shown only this once and must be changed at first sign-in.`,
  );
  console.log(oneTimePassword);
}

/** By hand (the job queue runs it on its own): creates due maintenance lists, idempotently. */
async function maintenanceTickCommand(json: boolean) {
  const summary = await withPrisma((prisma) => maintenanceTick({ db: prisma }));
  console.log(json ? JSON.stringify(summary) : formatTickSummary(summary));
}

/** By hand, beside the job queue: sends the webhook deliveries that are due now. */
async function webhooksDeliverCommand(json: boolean) {
  const summary = await withPrisma((prisma) => webhooksDeliver(prisma));
  console.log(json ? JSON.stringify(summary) : formatDeliverySummary(summary));
}

/** Runs `task` on the migrated database; errors propagate after the database is released. */
async function withPrisma<T>(task: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  return withDatabase(async (database) => {
    await migrate(database.url);
    const prisma = createPrismaClient(database.url, { max: 2 });
    try {
      return await task(prisma);
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
  if (size > MAX_TEMPLATE_BYTES)
    exitWith(`The file is larger than 1 MB (${(size / MAX_TEMPLATE_BYTES).toFixed(1)} MB).`);
  return new Uint8Array(readFileSync(file));
}
