// Small templates for integration tests, imported through the real importer.
import type { PrismaClient } from "@/lib/db/client";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { uniqueKey } from "@/test/db";

export function smallChecklistMarkdown(title: string): string {
  return [
    `# ${title}`,
    "",
    "## CRITICAL",
    "- [ ] **Secrets** rotated",
    "  - [ ] Database password",
    "  - [ ] API keys",
    "- [ ] Backups verified",
    "",
    "## HIGH",
    "- [ ] Alerts configured",
    "- [ ] Runbook linked",
    "",
    "## Post-deployment verification",
    "- [ ] Smoke test passed",
    "",
    "## Weekly",
    "- [ ] Review logs",
    "",
    "**Next Review**: Date + 30 days",
    "",
  ].join("\n");
}

export async function importSmallTemplate(prisma: PrismaClient) {
  const title = `Test checklist ${uniqueKey()}`;
  const imported = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: smallChecklistMarkdown(title) },
    { db: prisma },
  );
  return { ...imported, title };
}

/** A checklist whose post-deployment verification has three leaves (two under a parent),
 * for the tests of what happens after the go-live. */
export function verificationChecklistMarkdown(title: string): string {
  return [
    `# ${title}`,
    "",
    "## CRITICAL",
    "- [ ] Backups verified",
    "- [ ] Secrets rotated",
    "",
    "## HIGH",
    "- [ ] Alerts configured",
    "",
    "## Post-deployment verification",
    "- [ ] **Smoke tests**",
    "  - [ ] Login works",
    "  - [ ] Checkout works",
    "- [ ] Error rate normal",
    "",
  ].join("\n");
}

export async function importVerificationTemplate(prisma: PrismaClient) {
  const title = `Verification checklist ${uniqueKey()}`;
  const imported = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: verificationChecklistMarkdown(title) },
    { db: prisma },
  );
  return { ...imported, title };
}
