// The /api/v1 route handlers called directly, as a pipeline or script would call them, with
// real tokens against the real database. Only the browser session is faked (no cookie here).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { recordAudit } from "@/lib/audit/record";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import {
  auditPageResponse,
  checklistResponse,
  createdResponse,
  deploymentPageResponse,
  errorBody,
  itemConflictBody,
  itemStateResponse,
  overviewResponse,
} from "@/lib/api/v1/schemas";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { leavesOf } from "@/lib/checklists/tree";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { signInAs } from "@/test/session-double";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);

const deployments = () => import("@/app/api/v1/deployments/route");
const deployment = () => import("@/app/api/v1/deployments/[id]/route");
const item = () => import("@/app/api/v1/deployments/[id]/items/[itemId]/route");
const gate = () => import("@/app/api/v1/deployments/[id]/gate/route");
const approvals = () => import("@/app/api/v1/deployments/[id]/approvals/route");
const audit = () => import("@/app/api/v1/audit/route");
const overview = () => import("@/app/api/v1/overview/route");

const prisma = useTestPrisma();
type Scope = "READ" | "WRITE" | "GATE";

function request(
  path: string,
  options: { token?: string; method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Request(`http://localhost${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}
const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });

/** A token made through the admin use case; `role` is what its creator is by the time it is used. */
async function tokenFor(scopes: Scope[], role: CurrentUser["role"] = "ADMIN") {
  const creator = await createTestUser(prisma, "ADMIN");
  const { token, secret } = await createApiToken(creator, { name: uniqueKey("ci"), scopes });
  if (role !== "ADMIN") await prisma.user.update({ where: { id: creator.id }, data: { role } });
  return { secret, tokenId: token.id, creatorId: creator.id };
}

let fixture: {
  deploymentId: string;
  versionId: string;
  itemId: (text: string) => Promise<{ id: string; version: number }>;
};

beforeAll(async () => {
  const owner = await createTestUser(prisma, "ENGINEER");
  const template = await importSmallTemplate(prisma);
  const { id } = await createDeployment(owner, {
    service: uniqueKey("api"),
    environment: "production",
    version: "1.0.0",
    templateVersionId: template.versionId,
  });
  fixture = {
    deploymentId: id,
    versionId: template.versionId,
    itemId: async (text) => {
      const leaf = leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items)).find((l) => l.text === text)!;
      return { id: leaf.id, version: leaf.state!.version };
    },
  };
});

describe("/api/v1 authentication", () => {
  it("answers 401 with a JSON message without a token or session", async () => {
    signInAs(null);
    const response = await (await deployments()).GET(request("/api/v1/deployments"));
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(errorBody.parse(await response.json()).error).toContain("Bearer");
  });

  it("answers 401 naming the problem for a malformed, unknown or revoked token", async () => {
    const { GET } = await deployments();
    const malformed = await GET(request("/api/v1/deployments", { headers: { authorization: "Token abc" } }));
    expect(malformed.status).toBe(401);
    expect((await malformed.json()).error).toContain("Authorization: Bearer");
    const unknown = await GET(request("/api/v1/deployments", { token: `pf_${"x".repeat(43)}` }));
    expect([unknown.status, (await unknown.json()).error]).toEqual([401, "This API token is not valid."]);

    const { secret, tokenId, creatorId } = await tokenFor(["READ"]);
    expect((await GET(request("/api/v1/deployments", { token: secret }))).status).toBe(200);
    await revokeApiToken({ id: creatorId, role: "ADMIN" }, { tokenId });
    const revoked = await GET(request("/api/v1/deployments", { token: secret }));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toContain("revoked");
  });

  it("refuses a token at once when its creator is deactivated", async () => {
    const { secret, creatorId } = await tokenFor(["READ"]);
    await prisma.user.update({ where: { id: creatorId }, data: { active: false } });
    const response = await (await deployments()).GET(request("/api/v1/deployments", { token: secret }));
    expect(response.status).toBe(401);
    expect((await response.json()).error).toContain("deactivated");
  });

  it("judges a request that names a token by the token, whatever the session", async () => {
    signInAs({ id: "someone", email: "s@example.test", name: "S", role: "ADMIN" });
    const response = await (await deployments()).GET(request("/api/v1/deployments", { token: `pf_${"y".repeat(43)}` }));
    signInAs(null);
    expect(response.status).toBe(401);
  });
});

describe("/api/v1 scopes", () => {
  it("GATE: only the gate", async () => {
    const { secret } = await tokenFor(["GATE"]);
    const id = fixture.deploymentId;
    expect(
      (await (await gate()).GET(request(`/api/v1/deployments/${id}/gate`, { token: secret }), params({ id }))).status,
    ).toBe(409);
    const list = await (await deployments()).GET(request("/api/v1/deployments", { token: secret }));
    expect(list.status).toBe(403);
    expect((await list.json()).error).toBe(
      "This token's scopes (GATE) do not include READ, which this endpoint needs.",
    );
    expect(
      (await (await deployment()).GET(request(`/api/v1/deployments/${id}`, { token: secret }), params({ id }))).status,
    ).toBe(403);
  });

  it("READ: every GET, no write", async () => {
    const { secret } = await tokenFor(["READ"]);
    const id = fixture.deploymentId;
    const list = await (
      await deployments()
    ).GET(request("/api/v1/deployments?environment=production", { token: secret }));
    expect(list.status).toBe(200);
    const page = deploymentPageResponse.parse(await list.json());
    expect(page.deployments.map((d) => d.id)).toContain(id);
    const one = await (await deployment()).GET(request(`/api/v1/deployments/${id}`, { token: secret }), params({ id }));
    expect(checklistResponse.parse(await one.json()).deployment.id).toBe(id);
    expect((await (await overview()).GET(request("/api/v1/overview", { token: secret }))).status).toBe(200);

    const target = await fixture.itemId("Runbook linked");
    const patch = await (
      await item()
    ).PATCH(
      request(`/api/v1/deployments/${id}/items/${target.id}`, {
        token: secret,
        method: "PATCH",
        body: { version: target.version, status: "DONE" },
      }),
      params({ id, itemId: target.id }),
    );
    expect(patch.status).toBe(403);
    expect((await patch.json()).error).toContain("do not include WRITE");
    const create = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        token: secret,
        body: { service: "s", environment: "e", version: "1", templateVersionId: fixture.versionId },
      }),
    );
    expect(create.status).toBe(403);
    expect((await fixture.itemId("Runbook linked")).version).toBe(target.version);
  });

  it("WRITE: the creator's role still decides — a creator demoted to VIEWER cannot act", async () => {
    const { secret } = await tokenFor(["WRITE"], "VIEWER");
    const id = fixture.deploymentId;
    const target = await fixture.itemId("Runbook linked");
    const patch = await (
      await item()
    ).PATCH(
      request(`/api/v1/deployments/${id}/items/${target.id}`, {
        token: secret,
        method: "PATCH",
        body: { version: target.version, status: "DONE" },
      }),
      params({ id, itemId: target.id }),
    );
    expect(patch.status).toBe(403);
    expect((await patch.json()).error).toBe("Your role does not allow this action.");
    expect((await (await deployments()).GET(request("/api/v1/deployments", { token: secret }))).status).toBe(200);
  });

  it("a MANAGER's token reads the audit log; an ENGINEER's cannot", async () => {
    const manager = await tokenFor(["READ"], "MANAGER");
    expect((await (await audit()).GET(request("/api/v1/audit", { token: manager.secret }))).status).toBe(200);
    const engineer = await tokenFor(["WRITE"], "ENGINEER");
    expect((await (await audit()).GET(request("/api/v1/audit", { token: engineer.secret }))).status).toBe(403);
  });

  it("approvals stay with people: a token is refused with 403 and a clear message", async () => {
    const { secret } = await tokenFor(["WRITE"], "REVIEWER");
    const id = fixture.deploymentId;
    const response = await (
      await approvals()
    ).POST(
      request(`/api/v1/deployments/${id}/approvals`, { token: secret, body: { comment: "", digest: "0".repeat(64) } }),
      params({ id }),
    );
    expect(response.status).toBe(403);
    expect((await response.json()).error).toContain("a person must do it in the browser");
  });
});

describe("/api/v1 writes", () => {
  it("create a deployment (201) and change an item (200, new version), audited as the token's creator", async () => {
    const { secret, tokenId, creatorId } = await tokenFor(["WRITE"], "ENGINEER");
    const created = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        token: secret,
        body: {
          service: uniqueKey("svc"),
          environment: "staging",
          version: "2.0.0",
          targetDate: "2026-12-31",
          templateVersionId: fixture.versionId,
        },
      }),
    );
    expect(created.status).toBe(201);
    const { id } = createdResponse.parse(await created.json());
    const checklist = (await getChecklist(id))!;
    expect(checklist.deployment).toMatchObject({
      owner: { id: creatorId },
      targetDate: "2026-12-31",
      environment: "staging",
    });

    const leaf = leavesOf(checklist.sections.flatMap((s) => s.items)).find((l) => l.text === "Backups verified")!;
    const patch = await (
      await item()
    ).PATCH(
      request(`/api/v1/deployments/${id}/items/${leaf.id}`, {
        token: secret,
        method: "PATCH",
        body: {
          version: 0,
          status: "NOT_APPLICABLE",
          naReason: "Stateless service",
          evidenceLinks: ["https://ci.example.com/1"],
        },
      }),
      params({ id, itemId: leaf.id }),
    );
    expect(patch.status).toBe(200);
    expect(itemStateResponse.parse(await patch.json())).toMatchObject({
      status: "NOT_APPLICABLE",
      naReason: "Stateless service",
      version: 1,
      updatedBy: { id: creatorId },
    });

    const events = await prisma.auditEvent.findMany({ where: { actorId: creatorId }, orderBy: { id: "asc" } });
    // The token's writes are its creator's, each event labelled with the token, in the write's own transaction.
    expect(events.map((e) => [e.action, e.actorLabel])).toEqual([
      ["api-token.create", null],
      ["deployment.create", `api-token:${tokenId}`],
      ["item.update", `api-token:${tokenId}`],
    ]);
  });

  it("refuse a stale version with 409 and the current state, exactly as the page does", async () => {
    const { secret } = await tokenFor(["WRITE"], "ENGINEER");
    const id = fixture.deploymentId;
    const target = await fixture.itemId("Alerts configured");
    const { PATCH } = await item();
    const first = await PATCH(
      request(`/api/v1/deployments/${id}/items/${target.id}`, {
        token: secret,
        method: "PATCH",
        body: { version: target.version, note: "first" },
      }),
      params({ id, itemId: target.id }),
    );
    expect(first.status).toBe(200);
    const stale = await PATCH(
      request(`/api/v1/deployments/${id}/items/${target.id}`, {
        token: secret,
        method: "PATCH",
        body: { version: target.version, note: "second" },
      }),
      params({ id, itemId: target.id }),
    );
    expect(stale.status).toBe(409);
    const body = itemConflictBody.parse(await stale.json());
    expect(body.error).toContain("Someone else changed this item");
    expect(body.current).toMatchObject({ note: "first", version: target.version + 1 });
  });

  it("answer bad input with 400 naming the field, an oversized body with 413, an unknown id with 404 — all JSON", async () => {
    const { secret } = await tokenFor(["WRITE"], "ENGINEER");
    const id = fixture.deploymentId;
    const target = await fixture.itemId("Smoke test passed");
    const { PATCH } = await item();
    const patch = (body: Partial<{ raw: string; body: unknown }>, itemId = target.id, deploymentId = id) =>
      PATCH(
        request(`/api/v1/deployments/${deploymentId}/items/${itemId}`, { token: secret, method: "PATCH", ...body }),
        params({ id: deploymentId, itemId }),
      );

    const cases: [Response, number, string, string | undefined][] = [
      [
        await patch({ body: { version: target.version, status: "NOT_APPLICABLE" } }),
        400,
        "naReason: Say why this item does not apply.",
        "naReason",
      ],
      [
        await patch({ body: { status: "DONE" } }),
        400,
        "version: Invalid input: expected number, received undefined",
        "version",
      ],
      [
        await patch({ body: { version: 0, evidenceLinks: ["javascript:alert(1)"] } }),
        400,
        "evidenceLinks.0: Evidence links must be http(s) URLs.",
        "evidenceLinks.0",
      ],
      [await patch({ raw: "{not json" }), 400, "The request body is not valid JSON.", undefined],
      [
        await patch({ raw: JSON.stringify({ version: 0, note: "x".repeat(100_001) }) }),
        413,
        "The request body is larger than 100000 bytes.",
        undefined,
      ],
      [
        await patch({ body: { version: 0, status: "DONE" } }, "no-such-item"),
        404,
        "That checklist item does not exist in this deployment.",
        undefined,
      ],
      [
        await patch({ body: { version: 0, status: "DONE" } }, target.id, "no-such-deployment"),
        404,
        "That deployment does not exist.",
        undefined,
      ],
    ];
    for (const [response, status, error, field] of cases) {
      expect(response.headers.get("content-type")).toContain("application/json");
      expect({ status: response.status, ...(await response.json()) }).toEqual({
        status,
        error,
        ...(field ? { field } : {}),
      });
    }
    const create = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        token: secret,
        body: { service: "", environment: "prod", version: "1", templateVersionId: fixture.versionId },
      }),
    );
    expect(await create.json()).toEqual({ error: "service: Enter the service.", field: "service" });
    const missing = await (
      await deployment()
    ).GET(request("/api/v1/deployments/nope", { token: secret }), params({ id: "nope" }));
    expect([missing.status, await missing.json()]).toEqual([404, { error: "That deployment does not exist." }]);
    // An id that cannot be one (a NUL would even fail in Postgres) names nothing.
    const nul = await (
      await deployment()
    ).GET(request("/api/v1/deployments/x", { token: secret }), params({ id: "a\u0000b" }));
    expect([nul.status, await nul.json()]).toEqual([404, { error: "That deployment does not exist." }]);
  });

  it("validate query strings, naming the parameter", async () => {
    const { secret } = await tokenFor(["READ"]);
    const bad = await (
      await deployments()
    ).GET(request("/api/v1/deployments?status=nope&unknown=ignored", { token: secret }));
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: "status: is not a deployment status", field: "status" },
    ]);
    const page = await (await overview()).GET(request("/api/v1/overview?page=0", { token: secret }));
    expect(await page.json()).toEqual({ error: "page: starts at 1", field: "page" });
  });

  it("refuse a body declared in another format than JSON with 415, before reading it", async () => {
    const { secret } = await tokenFor(["WRITE"], "ENGINEER");
    const { POST } = await deployments();
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv"]) {
      const response = await POST(
        request("/api/v1/deployments", { token: secret, raw: "service=x", headers: { "content-type": type } }),
      );
      expect([response.status, await response.json()], type).toEqual([
        415,
        { error: "Send the body as JSON, with Content-Type: application/json." },
      ]);
    }
    // No type, or the one fetch gives a string body by default, is read as JSON.
    const body = JSON.stringify({ service: "" });
    const types: Record<string, string>[] = [
      {},
      { "content-type": "text/plain;charset=UTF-8" },
      { "content-type": "application/json" },
    ];
    for (const headers of types) {
      const response = await POST(
        new Request("http://localhost/api/v1/deployments", {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, ...headers },
          body,
        }),
      );
      expect(await response.json()).toMatchObject({ field: "service" });
    }
  });

  it("keep the same-origin check for browser writes with a session cookie", async () => {
    signInAs({ id: "someone", email: "s@example.test", name: "S", role: "ENGINEER" });
    const response = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        body: {},
        headers: { cookie: "session=1", origin: "https://evil.example", host: "localhost" },
      }),
    );
    signInAs(null);
    expect([response.status, await response.json()]).toEqual([
      403,
      { error: "Cross-origin requests are not accepted." },
    ]);
  });
});

describe("/api/v1/overview", () => {
  it("returns the overview's counts and first page of active deployments", async () => {
    const { secret } = await tokenFor(["READ"], "VIEWER");
    const response = await (
      await overview()
    ).GET(request("/api/v1/overview?environment=production", { token: secret }));
    const body = overviewResponse.parse(await response.json());
    expect(body.counts.active).toBeGreaterThan(0);
    expect(
      body.deployments.deployments.every(
        (d) => d.environment === "production" && !["DEPLOYED", "CANCELLED"].includes(d.status),
      ),
    ).toBe(true);
    expect(body.facets.environments).toContain("production");
  });
});

describe("/api/v1/audit", () => {
  it("filters by entity, action, actor and time, newest first, with a cursor", async () => {
    const { secret, creatorId } = await tokenFor(["READ"]);
    const entityId = uniqueKey("entity");
    // Written as the app writes them (the chain sets createdAt); apart in time for the range filter.
    const record = async (actorId: string | null, action: string) => {
      await prisma.$transaction((tx) =>
        recordAudit(tx, { actorId, actorLabel: actorId ? undefined : "system", action, entityType: "Probe", entityId }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    await record(creatorId, "test.one");
    await record(creatorId, "test.two");
    await record(null, "test.two");
    const times = (await prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } })).map((e) =>
      e.createdAt.toISOString(),
    );
    const { GET } = await audit();
    const read = async (query: string) => {
      const response = await GET(
        request(`/api/v1/audit?entityType=Probe&entityId=${entityId}&${query}`, { token: secret }),
      );
      expect(response.status).toBe(200);
      return auditPageResponse.parse(await response.json());
    };
    expect((await read("")).events.map((e) => e.action)).toEqual(["test.two", "test.two", "test.one"]);
    expect((await read("action=test.two")).events).toHaveLength(2);
    expect((await read(`actorId=${creatorId}`)).events.map((e) => e.createdAt)).toEqual([times[1], times[0]]);
    const between = await read(`from=${times[1]}&to=${times[2]}`);
    expect(between.events.map((e) => [e.action, e.createdAt])).toEqual([["test.two", times[1]]]);

    const first = await read("limit=2");
    expect(first.events).toHaveLength(2);
    expect(first.nextCursor).toBe(first.events[1]!.id);
    const second = await read(`limit=2&cursor=${first.nextCursor}`);
    expect(second.events.map((e) => e.action)).toEqual(["test.one"]);
    expect(second.nextCursor).toBeNull();

    const tooMany = await GET(request("/api/v1/audit?limit=500", { token: secret }));
    expect([tooMany.status, await tooMany.json()]).toEqual([400, { error: "limit: is at most 200", field: "limit" }]);
    const badDate = await GET(request("/api/v1/audit?from=yesterday", { token: secret }));
    expect(await badDate.json()).toEqual({
      error: "from: must be a date (2026-11-01) or an ISO 8601 date-time",
      field: "from",
    });
    const overflow = await GET(request("/api/v1/audit?cursor=9999999999999999999", { token: secret }));
    expect(await overflow.json()).toEqual({ error: "cursor: must be an event id from nextCursor", field: "cursor" });
    const notANumber = await GET(request("/api/v1/audit?cursor=nul%00inside", { token: secret }));
    expect(await notANumber.json()).toEqual({
      error: "cursor: Text cannot contain NUL (\\0) characters.",
      field: "cursor",
    });
    const control = await GET(request("/api/v1/audit?entityId=a%01b", { token: secret }));
    expect(await control.json()).toEqual({ error: "entityId: cannot contain control characters", field: "entityId" });
    const backwards = await GET(request("/api/v1/audit?from=2026-02-01&to=2026-01-01", { token: secret }));
    expect(await backwards.json()).toEqual({ error: "to: must be after from", field: "to" });
  });

  it("L5: a date outside 1970–9999 is a 400 naming the field, not a PostgreSQL 22008 500", async () => {
    const { secret } = await tokenFor(["READ"]);
    const { GET } = await audit();
    const yearZero = await GET(request("/api/v1/audit?from=0000-01-01", { token: secret }));
    expect([yearZero.status, await yearZero.json()]).toEqual([
      400,
      { error: "from: must be in the years 1970–9999", field: "from" },
    ]);
    const created = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        token: (await tokenFor(["WRITE"], "ENGINEER")).secret,
        body: {
          service: uniqueKey("svc"),
          environment: "staging",
          version: "2.0.0",
          targetDate: "0000-01-01",
          templateVersionId: fixture.versionId,
        },
      }),
    );
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ field: "targetDate" });
  });

  it("L5: a body nested 10,000 deep is a 400, not a stack overflow", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const { secret } = await tokenFor(["WRITE"], "ENGINEER");
    const response = await (
      await deployments()
    ).POST(
      request("/api/v1/deployments", {
        token: secret,
        headers: { "Content-Type": "application/json" },
        raw: `{"service":"s","environment":"e","version":"1","templateVersionId":"t","extra":${deep}}`,
      }),
    );
    expect(response.status).toBe(400);
  });
});
