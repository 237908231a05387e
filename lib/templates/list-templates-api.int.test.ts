// GET /api/v1/templates: what a pipeline can start a deployment from.
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { templateListResponse } from "@/lib/api/v1/schemas";
import { listTemplatesForApi } from "@/lib/templates/list-templates-api";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { readVersionStructure } from "@/lib/templates/store-version";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

const get = async (token: string) =>
  (await import("@/app/api/v1/templates/route")).GET(
    new Request("http://localhost/api/v1/templates", { headers: { authorization: `Bearer ${token}` } }),
  );

describe("listing templates for the API", () => {
  it("lists non-archived templates with their latest version, to any signed-in role", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const kept = await importSmallTemplate(prisma);
    const structure = (await readVersionStructure(prisma, kept.versionId))!;
    const v2 = await publishTemplateVersion(
      admin,
      { templateId: kept.templateId, baseVersion: 1, structure: { ...structure, reviewIntervalDays: 45 } },
      { db: prisma },
    );
    const archived = await importSmallTemplate(prisma);
    await prisma.template.update({ where: { id: archived.templateId }, data: { archivedAt: new Date() } });

    const viewer = await createTestUser(prisma, "VIEWER");
    const { templates } = await listTemplatesForApi(viewer, {}, { db: prisma });
    expect(templates.find((t) => t.id === kept.templateId)).toEqual({
      id: kept.templateId,
      slug: kept.slug,
      name: kept.title,
      latestVersion: { id: v2.versionId, number: 2, requiredApprovals: 1, reviewIntervalDays: 45 },
    });
    expect(templates.map((t) => t.id)).not.toContain(archived.templateId);
    await expect(listTemplatesForApi(null, {}, { db: prisma })).rejects.toMatchObject({ status: 401 });
  });

  it("answers a READ token with the list (the response schema holds), a GATE token with 403", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const template = await importSmallTemplate(prisma);
    const read = await createApiToken(admin, { name: uniqueKey("read"), scopes: ["READ"] }, { db: prisma });
    const response = await get(read.secret);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = templateListResponse.parse(await response.json());
    expect(body.templates.find((t) => t.id === template.templateId)?.latestVersion.id).toBe(template.versionId);

    const gate = await createApiToken(admin, { name: uniqueKey("gate"), scopes: ["GATE"] }, { db: prisma });
    expect((await get(gate.secret)).status).toBe(403);
  });
});
