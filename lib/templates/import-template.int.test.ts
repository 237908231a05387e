import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { importTemplate } from "@/lib/templates/import-template";
import { readVersionStructure } from "@/lib/templates/store-version";
import { smallChecklistMarkdown } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const seed = readFileSync("prisma/seed/production-security-checklist.md");

describe("importTemplate", () => {
  it("stores the reference checklist as version 1 with its sections, item tree and an audit event", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const imported = await importTemplate(admin, { file: seed });

    const template = await prisma.template.findUniqueOrThrow({ where: { id: imported.templateId } });
    expect(template).toMatchObject({
      name: "Production Security Checklist",
      ownerId: admin.id,
    });
    expect(await prisma.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } })).toMatchObject({
      reviewIntervalDays: 90,
      requiredApprovals: 1,
    });
    const structure = (await readVersionStructure(prisma, imported.versionId))!;
    const critical = structure.sections.find((s) => s.priority === "CRITICAL")!;
    expect(critical.title).toBe("🔴 CRITICAL - Must Complete");
    const leaves = await prisma.item.count({
      where: {
        templateVersionId: imported.versionId,
        isLeaf: true,
        section: { kind: { in: ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] } },
      },
    });
    expect(leaves).toBe(27 + 23 + 23 + 18);
    const version = await prisma.templateVersion.findUniqueOrThrow({ where: { id: imported.versionId } });
    expect(version.sourceMarkdown).toBe(seed.toString("utf8"));
    const audit = await prisma.auditEvent.findMany({ where: { entityId: imported.templateId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "template.import", actorId: admin.id });
  });

  it("gives a second template of the same title its own slug", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const title = `Twin ${uniqueKey()}`;
    const first = await importTemplate(admin, { text: smallChecklistMarkdown(title) });
    const second = await importTemplate(admin, { text: smallChecklistMarkdown(title) });
    expect(second.slug).toBe(`${first.slug}-2`);
  });

  it.each([
    ["an empty file", new Uint8Array(), "The file is empty."],
    ["a binary file", new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02]), "binary"],
    [
      "a file that is neither UTF-8 nor Windows-1252",
      new Uint8Array([0x23, 0x20, 0x81, 0x41]),
      "not UTF-8 text, nor Windows-1252 (byte 0x81 on line 1)",
    ],
    [
      "prose without checklist content",
      new TextEncoder().encode("# Notes\n\nJust some prose.\n"),
      "No checklist content",
    ],
  ])("refuses %s with a clear message and stores nothing", async (_name, source, message) => {
    const admin = await createTestUser(prisma, "ADMIN");
    const before = await prisma.template.count();
    const attempt = importTemplate(admin, { file: source });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toMatchObject({ status: 422 });
    expect(await prisma.template.count()).toBe(before);
  });

  it("is refused to roles without the permission", async () => {
    for (const role of ["VIEWER", "ENGINEER", "MANAGER"] as const) {
      const user = await createTestUser(prisma, role);
      await expect(importTemplate(user, { text: smallChecklistMarkdown("Nope") })).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(importTemplate(null, { text: smallChecklistMarkdown("Nope") })).rejects.toMatchObject({
      status: 401,
    });
  });
});
