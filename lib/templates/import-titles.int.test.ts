// Issue #15 point 5 on the server's path: front matter stored as the version's metadata, and
// a text that names no title is previewed, refused at import until given one.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { importTemplate, previewTemplateImport } from "@/lib/templates/import-template";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

describe("import titles and front matter", () => {
  it("stores front matter other than the title as the version's metadata", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const name = `Rollout ${uniqueKey()}`;
    const text = `---\nname: ${name}\nabout: Before each rollout.\nlabels: rollout\n---\n\n- [ ] Warm the caches\n`;
    const imported = await importTemplate(admin, { text });
    const version = await prisma.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
    expect(version.title).toBe(name);
    expect(version.metadata).toEqual({ about: "Before each rollout.", labels: "rollout" });
  });

  it("previews an untitled text, refuses to import it without a title, and names it by the given one", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const text = "- [ ] Drain the old nodes\n";
    const preview = await previewTemplateImport(admin, { text });
    expect(preview).toMatchObject({ untitled: true, template: { title: "" } });
    const refused = await importTemplate(admin, { text }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors).toEqual({ title: "Give the template a title." });
    const title = `Node drain ${uniqueKey()}`;
    const imported = await importTemplate(admin, { text, title });
    const sections = await prisma.section.findMany({ where: { templateVersionId: imported.versionId } });
    expect(sections.map((s) => s.title)).toEqual([title]);
  });
});
