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
