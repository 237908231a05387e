// Creating a deployment from a template version or from a template named by id, slug or
// exact name (its latest version), through the domain function and POST /api/v1/deployments.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createdResponse, errorBody, ambiguousTemplateBody } from "@/lib/api/v1/schemas";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { readVersionStructure } from "@/lib/templates/store-version";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { smallChecklistMarkdown } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

type Engineer = Awaited<ReturnType<typeof createTestUser>>;
let engineer: Engineer;

const importTemplate = (title: string) =>
  createTemplateFromMarkdown({ actorLabel: "test" }, { source: smallChecklistMarkdown(title) }, { db: prisma });

const base = () => ({ service: uniqueKey("svc"), environment: "production", version: "1.0.0" });

async function versionOf(deploymentId: string) {
  return (
    await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId }, select: { templateVersionId: true } })
  ).templateVersionId;
}

beforeAll(async () => {
  engineer = await createTestUser(prisma, "ENGINEER");
});

describe("createDeployment with `template`", () => {
  it("finds the template by id, by slug and by unique exact name, and uses its latest version", async () => {
    const title = `Pipeline checklist ${uniqueKey()}`;
    const template = await importTemplate(title);
    // A second version: `template` must mean the latest one, not the first.
    const admin = await createTestUser(prisma, "ADMIN");
    const structure = (await readVersionStructure(prisma, template.versionId))!;
    const latest = await publishTemplateVersion(
      admin,
      {
        templateId: template.templateId,
        baseVersion: 1,
        structure: { ...structure, sections: structure.sections.slice(0, 2) },
      },
      { db: prisma },
    );
    expect(latest.number).toBe(2);

    for (const reference of [template.templateId, template.slug, title]) {
      const { id } = await createDeployment(engineer, { ...base(), template: reference }, { db: prisma });
      expect(await versionOf(id), reference).toBe(latest.versionId);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "deployment.create" } });
      expect(audit.after).toMatchObject({ template: title, templateVersion: 2 });
    }
    // templateVersionId still picks that exact version (the form sends it).
    const { id } = await createDeployment(
      engineer,
      { ...base(), templateVersionId: template.versionId },
      { db: prisma },
    );
    expect(await versionOf(id)).toBe(template.versionId);
  });

  it("matches the name exactly, case included: another case is not found", async () => {
    const title = `Case checklist ${uniqueKey()}`;
    await importTemplate(title);
    const service = uniqueKey("case");
    await expect(
      createDeployment(engineer, { ...base(), service, template: title.toUpperCase() }, { db: prisma }),
    ).rejects.toMatchObject({
      status: 404,
      message: `There is no template with the id, slug or name “${title.toUpperCase()}”.`,
    });
    expect(await prisma.deployment.count({ where: { service } })).toBe(0);
  });

  it("refuses a name two templates share with 409 AMBIGUOUS_TEMPLATE and the candidates; their slugs work", async () => {
    const title = `Shared name ${uniqueKey()}`;
    const first = await importTemplate(title);
    const second = await importTemplate(title);
    expect(first.slug).not.toBe(second.slug);
    const service = uniqueKey("ambiguous");
    const refused = createDeployment(engineer, { ...base(), service, template: title }, { db: prisma });
    await expect(refused).rejects.toMatchObject({
      status: 409,
      message: `2 templates are named “${title}”; name one by its id or slug.`,
      details: {
        code: "AMBIGUOUS_TEMPLATE",
        candidates: expect.arrayContaining([
          { id: first.templateId, slug: first.slug, name: title },
          { id: second.templateId, slug: second.slug, name: title },
        ]),
      },
    });
    expect(await prisma.deployment.count({ where: { service } })).toBe(0);
    const { id } = await createDeployment(engineer, { ...base(), template: second.slug }, { db: prisma });
    expect(await versionOf(id)).toBe(second.versionId);
  });

  it("does not find an archived template, by any reference or version id", async () => {
    const title = `Archived checklist ${uniqueKey()}`;
    const template = await importTemplate(title);
    await prisma.template.update({ where: { id: template.templateId }, data: { archivedAt: new Date() } });
    for (const input of [
      { template: template.templateId },
      { template: template.slug },
      { template: title },
      { templateVersionId: template.versionId },
    ])
      await expect(
        createDeployment(engineer, { ...base(), ...input }, { db: prisma }),
        JSON.stringify(input),
      ).rejects.toMatchObject({
        status: 404,
      });
    // An archived namesake does not make a live template's name ambiguous.
    const live = await importTemplate(title);
    const { id } = await createDeployment(engineer, { ...base(), template: title }, { db: prisma });
    expect(await versionOf(id)).toBe(live.versionId);
  });

  it("needs exactly one of templateVersionId and template: 400 naming the field", async () => {
    const template = await importTemplate(`Either checklist ${uniqueKey()}`);
    await expect(createDeployment(engineer, base(), { db: prisma })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { templateVersionId: "Give templateVersionId, or template (a template's id, slug or exact name)." },
    });
    await expect(
      createDeployment(
        engineer,
        { ...base(), templateVersionId: template.versionId, template: template.slug },
        { db: prisma },
      ),
    ).rejects.toMatchObject({
      status: 400,
      fieldErrors: { template: "Give templateVersionId or template, not both." },
    });
    await expect(createDeployment(engineer, { ...base(), template: "  " }, { db: prisma })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { template: "Name the template by its id, slug or exact name." },
    });
  });
});

describe("POST /api/v1/deployments with `template` and a WRITE token", () => {
  const post = async (body: unknown, token: string) =>
    (await import("@/app/api/v1/deployments/route")).POST(
      new Request("http://localhost/api/v1/deployments", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  let secret: string;

  beforeAll(async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    ({ secret } = await createApiToken(
      admin,
      { name: uniqueKey("ci"), scopes: ["WRITE"], userId: engineer.id },
      { db: prisma },
    ));
  });

  it("creates from a slug (201, owned by the token's user) and from a unique name", async () => {
    const title = `Route checklist ${uniqueKey()}`;
    const template = await importTemplate(title);
    for (const reference of [template.slug, title]) {
      const response = await post({ ...base(), template: reference }, secret);
      expect(response.status, reference).toBe(201);
      const { id } = createdResponse.parse(await response.json());
      const created = await prisma.deployment.findUniqueOrThrow({ where: { id } });
      expect(created).toMatchObject({ templateVersionId: template.versionId, ownerId: engineer.id });
    }
  });

  it("answers 409 with the candidates for a shared name, 404 for an unknown one, 400 for both or neither", async () => {
    const title = `Route shared ${uniqueKey()}`;
    const [first, second] = [await importTemplate(title), await importTemplate(title)];
    const ambiguous = await post({ ...base(), template: title }, secret);
    expect(ambiguous.status).toBe(409);
    const body = ambiguousTemplateBody.parse(await ambiguous.json());
    expect(body.candidates.map((c) => c.slug).sort()).toEqual([first.slug, second.slug].sort());

    const unknown = await post({ ...base(), template: `no such ${uniqueKey()}` }, secret);
    expect(unknown.status).toBe(404);

    const neither = await post(base(), secret);
    expect([neither.status, errorBody.parse(await neither.json()).field]).toEqual([400, "templateVersionId"]);
    const both = await post({ ...base(), template: first.slug, templateVersionId: first.versionId }, secret);
    expect([both.status, errorBody.parse(await both.json()).field]).toEqual([400, "template"]);
  });
});
