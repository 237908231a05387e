import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { contentDisposition, handleDownload } from "@/lib/api/download";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/db/errors";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { signInAs } from "@/test/session-double";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);

const prisma = useTestPrisma();
const csvRoute = () => import("@/app/(app)/deployments/export.csv/route");
const templateRoute = () => import("@/app/(app)/templates/[id]/export/route");
const procedureRoute = () => import("@/app/api/procedures/[id]/export/route");

/** A session for a fresh user of `role`. */
async function signInNew(role: "VIEWER" | "ENGINEER") {
  const user = await createTestUser(prisma, role);
  signInAs({ ...user, email: `${user.id}@example.test` });
  return user;
}

const get = (path: string) => new Request(`http://localhost:3100${path}`);
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

describe("downloads", () => {
  it("answer 401 JSON without a session, for every export", async () => {
    signInAs(null);
    const responses = [
      await (await csvRoute()).GET(get("/deployments/export.csv")),
      await (await templateRoute()).GET(get("/templates/x/export"), withId("x")),
      await (await procedureRoute()).GET(get("/api/procedures/x/export"), withId("x")),
    ];
    for (const response of responses) {
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "Sign in to continue." });
    }
  });

  it("send a template version as Markdown with its file name and no-store; a bad or unknown version is 400 or 404", async () => {
    await signInNew("VIEWER");
    const template = await importSmallTemplate(prisma);
    const { GET } = await templateRoute();
    const ok = await GET(get(`/templates/${template.templateId}/export?v=1`), withId(template.templateId));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toBe(`attachment; filename="${template.slug}-v1.md"`);
    expect(await ok.text()).toContain(template.title);

    const bad = await GET(get(`/templates/${template.templateId}/export?v=one`), withId(template.templateId));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "v: must be a version number", field: "v" });
    const missing = await GET(get(`/templates/${template.templateId}/export?v=9`), withId(template.templateId));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "That template or version does not exist." });
    const noId = await GET(get(`/templates/x/export`), withId("x\u0000".repeat(40)));
    expect(noId.status).toBe(404);
  });

  it("send the filtered deployments as CSV with no-store; a bad filter is a 400 naming it", async () => {
    const engineer = await signInNew("ENGINEER");
    const template = await importSmallTemplate(prisma);
    const service = uniqueKey("csv");
    await createDeployment(engineer, {
      service,
      environment: "production",
      version: "1.0.0",
      templateVersionId: template.versionId,
    });
    const { GET } = await csvRoute();
    const ok = await GET(get(`/deployments/export.csv?service=${service}&scope=all`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.headers.get("content-disposition")).toMatch(
      /^attachment; filename="preflight-deployments-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await ok.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(service);

    const bad = await GET(get(`/deployments/export.csv?status=SHIPPED`));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "status" });
  });

  it("answer 404 for a procedure run that does not exist", async () => {
    await signInNew("VIEWER");
    const response = await (await procedureRoute()).GET(get("/api/procedures/nope/export"), withId("nope"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "That procedure run does not exist." });
  });

  it("map a lost database to 503 with the outage message, and a domain refusal to its status", async () => {
    await signInNew("VIEWER");
    const spec = { query: z.object({}), notFound: "gone" };
    const outage = await handleDownload(get("/x"), spec, () =>
      Promise.reject(new Error("Connection terminated unexpectedly")),
    );
    expect(outage.status).toBe(503);
    expect(outage.headers.get("cache-control")).toBe("no-store");
    expect(await outage.json()).toEqual({ error: DATABASE_UNAVAILABLE_MESSAGE });
    const { AppError } = await import("@/lib/errors");
    const refused = await handleDownload(get("/x"), spec, () =>
      Promise.reject(new AppError("FORBIDDEN", "Not yours.")),
    );
    expect(refused.status).toBe(403);
  });

  it("I2: every download, the template Markdown export included, is no-store in every answer", async () => {
    await signInNew("VIEWER");
    const template = await importSmallTemplate(prisma);
    const templateGet = (await templateRoute()).GET;
    const responses = [
      await templateGet(get(`/templates/${template.templateId}/export`), withId(template.templateId)),
      await templateGet(get(`/templates/${template.templateId}/export?v=1`), withId(template.templateId)),
      await templateGet(get(`/templates/${template.templateId}/export?v=one`), withId(template.templateId)),
      await templateGet(get(`/templates/${template.templateId}/export?v=9`), withId(template.templateId)),
      await (await csvRoute()).GET(get("/deployments/export.csv")),
      await (await csvRoute()).GET(get("/deployments/export.csv?status=SHIPPED")),
      await (await procedureRoute()).GET(get("/api/procedures/nope/export"), withId("nope")),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 400, 404, 200, 400, 404]);
    for (const response of responses) expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("name a file exactly, with an ASCII stand-in when the name is not plain ASCII", () => {
    expect(contentDisposition("a-v1.md")).toBe('attachment; filename="a-v1.md"');
    expect(contentDisposition('Zürich "prod".md')).toBe(
      `attachment; filename="Z_rich _prod_.md"; filename*=UTF-8''Z%C3%BCrich%20%22prod%22.md`,
    );
  });
});
