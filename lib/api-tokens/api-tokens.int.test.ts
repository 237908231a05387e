import { describe, expect, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { hashTokenSecret } from "@/lib/api-tokens/secret";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

async function adminWithToken(scopes: ("READ" | "WRITE" | "GATE")[] = ["READ"], expiresOn?: string) {
  const admin = await createTestUser(prisma, "ADMIN");
  const created = await createApiToken(admin, { name: "deploy pipeline", scopes, expiresOn });
  return { admin, ...created };
}

describe("API tokens", () => {
  it("are created with a secret shown once and stored only as its sha256 hash and prefix", async () => {
    const { admin, token, secret } = await adminWithToken(["WRITE", "GATE"], "2099-12-31");
    expect(secret).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row).toMatchObject({
      prefix: secret.slice(0, 10),
      tokenHash: hashTokenSecret(secret),
      createdById: admin.id,
      scopes: ["WRITE", "GATE"],
    });
    expect(row.expiresAt!.toISOString()).toBe("2099-12-31T23:59:59.999Z");
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(token).not.toHaveProperty("tokenHash");
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: token.id, action: "api-token.create" },
    });
    expect(audit).toMatchObject({
      actorId: admin.id,
      after: { name: "deploy pipeline", prefix: secret.slice(0, 10), scopes: ["WRITE", "GATE"] },
    });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(secret);
  });

  it("are managed by admins only", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    await expect(createApiToken(engineer, { name: "mine", scopes: ["READ"] })).rejects.toMatchObject({ status: 403 });
    await expect(listApiTokens(engineer)).rejects.toMatchObject({ status: 403 });
    await expect(createApiToken(null, { name: "anon", scopes: ["READ"] })).rejects.toMatchObject({ status: 401 });
    expect(await prisma.apiToken.count({ where: { createdById: engineer.id } })).toBe(0);
  });

  it("refuse bad input with a 400 naming the problem", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    await expect(createApiToken(admin, { name: "x", scopes: [] })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { scopes: "Choose at least one scope." },
    });
    await expect(createApiToken(admin, { name: "x", scopes: ["ADMIN" as "READ"] })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { "scopes.0": "A scope is READ, WRITE or GATE." },
    });
    await expect(createApiToken(admin, { name: "x", scopes: ["READ"], expiresOn: "2020-01-01" })).rejects.toMatchObject(
      { status: 400, message: expect.stringContaining("today or later") },
    );
    await expect(createApiToken(admin, { name: "x", scopes: ["READ"], expiresOn: "2027-02-30" })).rejects.toMatchObject(
      { status: 400, fieldErrors: { expiresOn: "That date does not exist." } },
    );
    expect(await prisma.apiToken.count({ where: { createdById: admin.id } })).toBe(0);
  });

  it("authenticate as their creator and note when they were last used, at most once a minute", async () => {
    const { admin, token, secret } = await adminWithToken(["READ"]);
    const now = new Date();
    const first = await authenticateApiToken(secret, { now });
    expect(first).toMatchObject({ tokenId: token.id, scopes: ["READ"], actor: { id: admin.id, role: "ADMIN" } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(now);
    await authenticateApiToken(secret, { now: new Date(now.getTime() + 30_000) });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(now);
    const later = new Date(now.getTime() + 61_000);
    await authenticateApiToken(secret, { now: later });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(later);
  });

  it("are refused at once when revoked, expired, unknown, malformed or their creator is deactivated", async () => {
    const revoked = await adminWithToken();
    await revokeApiToken(revoked.admin, { tokenId: revoked.token.id });
    await expect(authenticateApiToken(revoked.secret)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("revoked"),
    });

    const expiring = await adminWithToken(["READ"], "2099-01-01");
    await expect(
      authenticateApiToken(expiring.secret, { now: new Date("2099-01-02T00:00:00Z") }),
    ).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("expired on 2099-01-01"),
    });

    const deactivated = await adminWithToken();
    await prisma.user.update({ where: { id: deactivated.admin.id }, data: { active: false } });
    await expect(authenticateApiToken(deactivated.secret)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("deactivated"),
    });

    await expect(authenticateApiToken(`pf_${"A".repeat(43)}`)).rejects.toMatchObject({
      status: 401,
      message: "This API token is not valid.",
    });
    await expect(authenticateApiToken("not-a-token")).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("malformed"),
    });
  });

  it("are revoked once, with an audit event; revoking again or an unknown token is refused", async () => {
    const { admin, token } = await adminWithToken();
    const revoked = await revokeApiToken(admin, { tokenId: token.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(revokeApiToken(admin, { tokenId: token.id })).rejects.toMatchObject({ status: 409 });
    await expect(revokeApiToken(admin, { tokenId: "does-not-exist" })).rejects.toMatchObject({ status: 404 });
    const events = await prisma.auditEvent.findMany({ where: { entityId: token.id, action: "api-token.revoke" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(admin.id);
  });

  it("are listed for admins, usable ones first, without their hashes", async () => {
    const { admin, token } = await adminWithToken();
    const other = await createApiToken(admin, { name: "second", scopes: ["GATE"] });
    await revokeApiToken(admin, { tokenId: token.id });
    const rows = (await listApiTokens(admin)).filter((row) => row.createdBy?.id === admin.id);
    expect(rows.map((row) => row.id)).toEqual([other.token.id, token.id]);
    expect(rows[0]).toMatchObject({ name: "second", scopes: ["GATE"], createdBy: { id: admin.id } });
    expect(rows[0]).not.toHaveProperty("tokenHash");
  });

  it("speak for the chosen user: any active non-viewer; the audit names them, the creator is the admin", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const manager = await createTestUser(prisma, "MANAGER");
    const { token, secret } = await createApiToken(admin, {
      name: "for a manager",
      scopes: ["WRITE"],
      userId: manager.id,
    });
    expect(token).toMatchObject({ user: { id: manager.id, role: "MANAGER" }, createdBy: { id: admin.id } });
    expect(await authenticateApiToken(secret)).toMatchObject({ actor: { id: manager.id, role: "MANAGER" } });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: token.id, action: "api-token.create" },
    });
    expect(audit).toMatchObject({
      actorId: admin.id,
      actorLabel: null,
      after: {
        userId: manager.id,
        userEmail: (await prisma.user.findUniqueOrThrow({ where: { id: manager.id } })).email,
        scopes: ["WRITE"],
      },
    });
    // Left out (or "" from the form): the admin themself.
    const own = await createApiToken(admin, { name: "mine", scopes: ["READ"], userId: "" });
    expect(own.token.user.id).toBe(admin.id);
  });

  it("refuse a viewer, a deactivated or an unknown user with a 400 on userId, and write nothing", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const viewer = await createTestUser(prisma, "VIEWER");
    const gone = await createTestUser(prisma, "ENGINEER");
    await prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const email = async (id: string) => (await prisma.user.findUniqueOrThrow({ where: { id } })).email;
    for (const [userId, message] of [
      [viewer.id, `${await email(viewer.id)} is a viewer; a token must speak for a user who can work on deployments.`],
      [gone.id, `${await email(gone.id)} is deactivated; a token must speak for an active user.`],
      ["does-not-exist", "That user does not exist."],
    ] as const) {
      await expect(createApiToken(admin, { name: "x", scopes: ["READ"], userId })).rejects.toMatchObject({
        status: 400,
        message,
        fieldErrors: { userId: message },
      });
    }
    expect(await prisma.apiToken.count({ where: { createdById: admin.id } })).toBe(0);
  });

  it("may do what their user's role may, within their scopes: a manager's WRITE token creates, but cannot tick", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const manager = await createTestUser(prisma, "MANAGER");
    const template = await importSmallTemplate(prisma);
    const { secret } = await createApiToken(admin, { name: "manager ci", scopes: ["WRITE"], userId: manager.id });
    const call = (path: string, method: string, body: unknown) =>
      new Request(`http://localhost${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}` },
        body: JSON.stringify(body),
      });
    const { POST } = await import("@/app/api/v1/deployments/route");
    const created = await POST(
      call("/api/v1/deployments", "POST", {
        service: uniqueKey("mgr"),
        environment: "prod",
        version: "1",
        template: template.slug,
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await prisma.deployment.findUniqueOrThrow({ where: { id } })).ownerId).toBe(manager.id);

    const state = await prisma.itemState.findFirstOrThrow({ where: { deploymentId: id } });
    const { PATCH } = await import("@/app/api/v1/deployments/[id]/items/[itemId]/route");
    const tick = await PATCH(
      call(`/api/v1/deployments/${id}/items/${state.itemId}`, "PATCH", { version: state.version, status: "DONE" }),
      { params: Promise.resolve({ id, itemId: state.itemId }) },
    );
    expect([tick.status, ((await tick.json()) as { error: string }).error]).toEqual([
      403,
      "Your role does not allow this action.",
    ]);
    expect((await prisma.itemState.findUniqueOrThrow({ where: { id: state.id } })).status).toBe("OPEN");
  });
});
