// Idempotent seed: the reference template and, in local mode only, one demo user per
// role. Run by `npm start` and `npm run db:seed`; running it again changes nothing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isUniqueViolation } from "@/lib/db/errors";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import { Role } from "@/lib/generated/prisma/enums";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";

export const REFERENCE_TEMPLATE_SLUG = "production-security-checklist";
export const referenceTemplateFile = path.resolve(process.cwd(), "prisma", "seed", "production-security-checklist.md");

export type DemoCredential = { role: Role; email: string; password: string };
export type SeedResult = { templateCreated: boolean; demoUsers: DemoCredential[] };

const demoRoles: Role[] = [Role.ADMIN, Role.MANAGER, Role.REVIEWER, Role.ENGINEER, Role.VIEWER];

export function demoEmail(role: Role): string {
  return `${role.toLowerCase()}@preflight.local`;
}

export async function seedDatabase(
  input: { mode: "local" | "production" },
  options?: DomainOptions,
): Promise<SeedResult> {
  const prisma = dbOf(options);
  const demoUsers = input.mode === "local" ? await seedDemoUsers(prisma) : [];
  const templateCreated = await seedReferenceTemplate(prisma);
  return { templateCreated, demoUsers };
}

async function seedDemoUsers(prisma: DbClient): Promise<DemoCredential[]> {
  const created: DemoCredential[] = [];
  for (const role of demoRoles) {
    const email = demoEmail(role);
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    // Insert-if-absent: concurrent or repeated seeds never overwrite a password.
    const inserted = await prisma.user.createMany({
      data: [{ email, name: `Demo ${role.charAt(0)}${role.slice(1).toLowerCase()}`, role, passwordHash }],
      skipDuplicates: true,
    });
    if (inserted.count === 1) created.push({ role, email, password });
  }
  return created;
}

async function seedReferenceTemplate(prisma: DbClient): Promise<boolean> {
  if (await prisma.template.findUnique({ where: { slug: REFERENCE_TEMPLATE_SLUG }, select: { id: true } }))
    return false;
  try {
    await createTemplateFromMarkdown(
      { actorLabel: "seed" },
      { source: readFileSync(referenceTemplateFile), slug: REFERENCE_TEMPLATE_SLUG },
      { db: prisma },
    );
    return true;
  } catch (error) {
    // Another seed (a second app instance starting) created it first.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
