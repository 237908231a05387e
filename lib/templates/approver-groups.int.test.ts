// Template versions name reviewer groups (the whole checklist's, each section's): stored by
// id, read back by slug, kept and diffed by publishing, and they keep the group from deletion.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createGroup, deleteGroup } from "@/lib/groups/manage";
import { listGroups } from "@/lib/groups/queries";
import { requiredGroups } from "@/lib/signoff/approver-groups";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { insertVersion, readVersionStructure } from "@/lib/templates/store-version";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const options = { db: prisma };
const newSlug = (prefix: string) =>
  uniqueKey(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 40);

async function setUp() {
  const admin = await createTestUser(prisma, "ADMIN");
  const template = await importSmallTemplate(prisma);
  const compliance = await createGroup(admin, { slug: newSlug("compliance"), name: "Compliance" }, options);
  const security = await createGroup(admin, { slug: newSlug("security"), name: "Security" }, options);
  const v1 = (await readVersionStructure(prisma, template.versionId))!;
  return { admin, template, compliance, security, v1 };
}

describe("approver groups of a template version", () => {
  it("are none for an imported template", async () => {
    const { template, v1 } = await setUp();
    expect(v1.approverGroup).toBeUndefined();
    expect(v1.sections.every((s) => s.approverGroup === undefined)).toBe(true);
    expect(await requiredGroups(prisma, template.versionId)).toEqual([]);
  });

  it("are published, read back by slug, and a change of them alone is a new version whose diff names them", async () => {
    const { admin, template, compliance, security, v1 } = await setUp();
    const withGroups = {
      ...v1,
      approverGroup: compliance.slug,
      sections: v1.sections.map((s, i) => ({ ...s, approverGroup: i === 0 ? security.slug : null })),
    };
    const v2 = await publishTemplateVersion(
      admin,
      { templateId: template.templateId, baseVersion: 1, structure: withGroups },
      options,
    );
    expect(v2.number).toBe(2);
    const stored = (await readVersionStructure(prisma, v2.versionId))!;
    expect(stored.approverGroup).toBe(compliance.slug);
    expect(stored.sections.map((s) => s.approverGroup)).toEqual(
      v1.sections.map((_, i) => (i === 0 ? security.slug : undefined)),
    );
    expect(await requiredGroups(prisma, v2.versionId)).toEqual([compliance.slug, security.slug]);
    // Version 1 is as it was.
    expect(await requiredGroups(prisma, template.versionId)).toEqual([]);

    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: template.templateId, action: "template.publish" },
      orderBy: { id: "desc" },
    });
    expect(event.after).toMatchObject({
      version: 2,
      diff: {
        approverGroup: { from: null, to: compliance.slug },
        sectionsChanged: [{ title: v1.sections[0]!.title, changes: [`approver group none → ${security.slug}`] }],
      },
    });

    // Publishing the same groups again changes nothing; the whole checklist's group alone does.
    await expect(
      publishTemplateVersion(admin, { templateId: template.templateId, baseVersion: 2, structure: stored }, options),
    ).rejects.toThrow("Nothing changed");
    const v3 = await publishTemplateVersion(
      admin,
      { templateId: template.templateId, baseVersion: 2, structure: { ...stored, approverGroup: null } },
      options,
    );
    expect(await requiredGroups(prisma, v3.versionId)).toEqual([security.slug]);

    // Versions 2 and 3 name security, version 2 compliance: neither can be deleted.
    const counts = new Map((await listGroups(admin, options)).map((g) => [g.slug, g.versionCount]));
    expect(counts.get(security.slug)).toBe(2);
    expect(counts.get(compliance.slug)).toBe(1);
    const refused = await deleteGroup(admin, { groupId: compliance.id }, options).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      status: 409,
      message: expect.stringContaining(`The group ${compliance.slug} cannot be deleted`),
      details: { templates: [{ name: template.title, versions: [2] }] },
    });
    expect((refused as AppError).message).toContain(`${template.title} (v2)`);
    expect(await prisma.reviewerGroup.count({ where: { id: compliance.id } })).toBe(1);
  });

  it("refuses an unknown slug with a 400 naming it, and publishes nothing", async () => {
    const { admin, template, v1 } = await setUp();
    const unknown = newSlug("nobody");
    const section = { ...v1, sections: v1.sections.map((s, i) => (i === 1 ? { ...s, approverGroup: unknown } : s)) };
    await expect(
      publishTemplateVersion(admin, { templateId: template.templateId, baseVersion: 1, structure: section }, options),
    ).rejects.toMatchObject({
      status: 400,
      message: `Section “${v1.sections[1]!.title}” needs approval from the group “${unknown}”, but there is no reviewer group with that slug. Create it under Administration → Reviewer groups, or choose another.`,
    });
    await expect(
      publishTemplateVersion(
        admin,
        { templateId: template.templateId, baseVersion: 1, structure: { ...v1, approverGroup: unknown } },
        options,
      ),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`The whole checklist needs approval from the group “${unknown}”`),
    });
    await expect(
      publishTemplateVersion(
        admin,
        { templateId: template.templateId, baseVersion: 1, structure: { ...v1, approverGroup: "Not A Slug!" } },
        options,
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(await prisma.templateVersion.count({ where: { templateId: template.templateId } })).toBe(1);
  });
});

describe("a group deleted while a version naming it is published", () => {
  const settled = (promise: Promise<unknown>) => {
    const state = { done: false };
    void promise.then(
      () => (state.done = true),
      () => (state.done = true),
    );
    return state;
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 300));

  it("waits for a deletion under way, then refuses the slug that is gone (400, not a foreign-key error)", async () => {
    const { admin, template, compliance, v1 } = await setUp();
    const deleting = new pg.Client({ connectionString: testDatabaseUrl() });
    await deleting.connect();
    try {
      await deleting.query("BEGIN");
      await deleting.query(`SELECT id FROM "ReviewerGroup" WHERE id = $1 FOR UPDATE`, [compliance.id]);
      const publishing = publishTemplateVersion(
        admin,
        { templateId: template.templateId, baseVersion: 1, structure: { ...v1, approverGroup: compliance.slug } },
        options,
      );
      const outcome = publishing.catch((e: unknown) => e);
      const state = settled(publishing);
      await pause();
      expect(state.done).toBe(false);
      await deleting.query(`DELETE FROM "ReviewerGroup" WHERE id = $1`, [compliance.id]);
      await deleting.query("COMMIT");
      expect(await outcome).toMatchObject({
        status: 400,
        message: expect.stringContaining(`no reviewer group with that slug`),
      });
    } finally {
      await deleting.end();
    }
  });

  it("makes a deletion wait for a publish under way, which then refuses it naming the template (409)", async () => {
    const { admin, template, compliance, v1 } = await setUp();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const publishing = prisma.$transaction(async (tx) => {
      await insertVersion(tx, {
        templateId: template.templateId,
        number: 2,
        structure: { ...v1, approverGroup: compliance.slug },
        sourceMarkdown: "",
        createdById: admin.id,
        requiredApprovals: 1,
      });
      await held;
    });
    await pause();
    const deleting = deleteGroup(admin, { groupId: compliance.id }, options).catch((e: unknown) => e);
    const state = settled(deleting);
    await pause();
    expect(state.done).toBe(false);
    release();
    await publishing;
    expect(await deleting).toMatchObject({ status: 409, details: { templates: [{ versions: [2] }] } });
  });
});
