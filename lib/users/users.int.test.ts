import { describe, expect, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { verifyPassword } from "@/lib/auth/password";
import { accountKey, beginAttempt } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { changeRole } from "@/lib/users/change-role";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { resetPassword } from "@/lib/users/reset-password";
import { setActive } from "@/lib/users/set-active";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

const newEmail = () => `${uniqueKey("New.User")}@Example.TEST`;

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  // The message a person sees beside the field, or the whole refusal's.
  const fieldMessage = error.fieldErrors && Object.values(error.fieldErrors)[0];
  return { status: error.status, message: fieldMessage ?? error.message };
}

async function auditOf(entityId: string) {
  return prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });
}

async function setUp() {
  const admin = await createTestUser(prisma, "ADMIN");
  const created = await createUser(
    admin,
    { name: "Nina Engineer", email: newEmail(), role: "ENGINEER" },
    { db: prisma },
  );
  return { admin, target: created.user, oneTimePassword: created.oneTimePassword };
}

describe("createUser", () => {
  it("stores the email lower-cased with a one-time password that must be changed, and audits without secrets", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const email = newEmail();
    const { user, oneTimePassword } = await createUser(
      admin,
      {
        name: "  Nina Engineer ",
        email,
        role: "ENGINEER",
      },
      { db: prisma },
    );
    expect(user).toMatchObject({
      name: "Nina Engineer",
      email: email.toLowerCase(),
      role: "ENGINEER",
      active: true,
      mustChangePassword: true,
      lastSignInAt: null,
    });
    expect(oneTimePassword).toMatch(/^[\w-]{20}$/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash!, oneTimePassword)).toBe(true);

    const event = (await auditOf(user.id))[0]!;
    expect(event).toMatchObject({
      actorId: admin.id,
      action: "user.create",
      after: { email: email.toLowerCase(), role: "ENGINEER", mustChangePassword: true },
    });
    expect(JSON.stringify([event.before, event.after])).not.toContain(row.passwordHash!);
    expect(JSON.stringify([event.before, event.after])).not.toContain(oneTimePassword);
  });

  it("refuses a second user with the same email, in any case, with 409", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const email = newEmail();
    await createUser(admin, { name: "First", email, role: "VIEWER" }, { db: prisma });
    expect(
      await refusal(createUser(admin, { name: "Second", email: email.toUpperCase(), role: "VIEWER" }, { db: prisma })),
    ).toEqual({
      status: 409,
      message: `A user with the email ${email.toLowerCase()} already exists.`,
    });
  });

  it("names a bad field with 400", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    expect(
      await refusal(createUser(admin, { name: "X", email: "not-an-email", role: "VIEWER" }, { db: prisma })),
    ).toEqual({
      status: 400,
      message: "Enter a valid email address.",
    });
    expect(
      await refusal(createUser(admin, { name: "X", email: newEmail(), role: "ROOT" as "VIEWER" }, { db: prisma })),
    ).toMatchObject({ status: 400, message: expect.stringContaining("Choose a role") });
    expect(await refusal(createUser(admin, { name: " ", email: newEmail(), role: "VIEWER" }, { db: prisma }))).toEqual({
      status: 400,
      message: "Enter a name.",
    });
  });
});

describe("every user use case", () => {
  it.each(["MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const)(
    "refuses a %s with 403, and nobody with 401, changing nothing",
    async (role) => {
      const { target } = await setUp();
      const actor = await createTestUser(prisma, role);
      const attempts = (who: typeof actor | null) => [
        createUser(who, { name: "X", email: newEmail(), role: "ADMIN" }, { db: prisma }),
        changeRole(who, { userId: target.id, role: "ADMIN" }, { db: prisma }),
        setActive(who, { userId: target.id, active: false }, { db: prisma }),
        resetPassword(who, { userId: target.id }, { db: prisma }),
        listUsers(who, { db: prisma }),
      ];
      for (const attempt of attempts(actor)) expect((await refusal(attempt)).status).toBe(403);
      for (const attempt of attempts(null)) expect((await refusal(attempt)).status).toBe(401);
      expect(await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
        role: "ENGINEER",
        active: true,
        tokenVersion: 0,
      });
    },
  );
});

describe("changeRole", () => {
  it("changes the role, ends the user's sessions (tokenVersion) and audits before and after", async () => {
    const { admin, target } = await setUp();
    const after = await changeRole(admin, { userId: target.id, role: "VIEWER" }, { db: prisma });
    expect(after.role).toBe("VIEWER");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).tokenVersion).toBe(1);
    expect((await auditOf(target.id)).at(-1)).toMatchObject({
      action: "user.role.change",
      actorId: admin.id,
      before: { role: "ENGINEER" },
      after: { role: "VIEWER" },
    });
  });

  it("records nothing and keeps the sessions when the role is unchanged", async () => {
    const { admin, target } = await setUp();
    await changeRole(admin, { userId: target.id, role: "ENGINEER" }, { db: prisma });
    expect(await auditOf(target.id)).toHaveLength(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).tokenVersion).toBe(0);
  });

  it("does not let an admin demote themselves, and names an unknown user", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    expect(await refusal(changeRole(admin, { userId: admin.id, role: "MANAGER" }, { db: prisma }))).toEqual({
      status: 403,
      message: "You cannot change your own role. Ask another admin to do it.",
    });
    expect(await refusal(changeRole(admin, { userId: "missing-user", role: "MANAGER" }, { db: prisma }))).toEqual({
      status: 404,
      message: "That user does not exist.",
    });
  });
});

describe("setActive", () => {
  it("deactivates and reactivates, ending the user's sessions each time", async () => {
    const { admin, target } = await setUp();
    expect(await setActive(admin, { userId: target.id, active: false }, { db: prisma })).toMatchObject({
      active: false,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).tokenVersion).toBe(1);
    await setActive(admin, { userId: target.id, active: false }, { db: prisma });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).tokenVersion).toBe(1);
    await setActive(admin, { userId: target.id, active: true }, { db: prisma });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      active: true,
      tokenVersion: 2,
    });
    expect((await auditOf(target.id)).map((e) => e.action)).toEqual([
      "user.create",
      "user.deactivate",
      "user.reactivate",
    ]);
  });

  it("does not let an admin deactivate themselves", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    expect(await refusal(setActive(admin, { userId: admin.id, active: false }, { db: prisma }))).toEqual({
      status: 403,
      message: "You cannot deactivate your own account. Ask another admin to do it.",
    });
  });
});

describe("resetPassword", () => {
  it("sets a new one-time password, ends the sessions and forgets earlier sign-in failures", async () => {
    const { admin, target, oneTimePassword } = await setUp();
    await prisma.user.update({ where: { id: target.id }, data: { mustChangePassword: false } });
    for (let i = 0; i < 10; i++) await beginAttempt(prisma, [accountKey(target.email)]);

    const reset = await resetPassword(admin, { userId: target.id }, { db: prisma });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: target.id } });
    expect(row).toMatchObject({ mustChangePassword: true, tokenVersion: 1 });
    expect(await verifyPassword(row.passwordHash!, reset.oneTimePassword)).toBe(true);
    expect(await verifyPassword(row.passwordHash!, oneTimePassword)).toBe(false);
    expect((await beginAttempt(prisma, [accountKey(target.email)])).allowed).toBe(true);

    const event = (await auditOf(target.id)).at(-1)!;
    expect(event).toMatchObject({
      action: "user.password.reset",
      before: { mustChangePassword: false },
      after: { mustChangePassword: true },
    });
    expect(JSON.stringify([event.before, event.after])).not.toContain(reset.oneTimePassword);
  });

  it("L2: revokes every API token that speaks for the user, audited; tokens speaking for others keep working", async () => {
    const { admin, target } = await setUp();
    const pipeline = await createApiToken(
      admin,
      { name: "pipeline", scopes: ["READ"], userId: target.id },
      { db: prisma },
    );
    const script = await createApiToken(
      admin,
      { name: "script", scopes: ["WRITE"], userId: target.id },
      { db: prisma },
    );
    const others = await createApiToken(admin, { name: "admin's own", scopes: ["READ"] }, { db: prisma });
    expect((await authenticateApiToken(pipeline.secret, { db: prisma })).actor.id).toBe(target.id);
    expect((await authenticateApiToken(script.secret, { db: prisma })).actor.id).toBe(target.id);

    await resetPassword(admin, { userId: target.id }, { db: prisma });

    for (const { secret } of [pipeline, script]) {
      await expect(authenticateApiToken(secret, { db: prisma })).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining("revoked"),
      });
    }
    expect((await authenticateApiToken(others.secret, { db: prisma })).actor.id).toBe(admin.id);
    for (const { token } of [pipeline, script]) {
      expect((await auditOf(token.id)).at(-1)).toMatchObject({
        action: "api-token.revoke",
        actorId: admin.id,
        before: { revokedAt: null },
        after: { name: token.name, prefix: token.prefix, reason: "user.password.reset" },
      });
    }
    expect((await auditOf(target.id)).at(-1)).toMatchObject({
      action: "user.password.reset",
      after: { mustChangePassword: true, apiTokensRevoked: 2 },
    });
    // One reset, one revocation each: a second reset finds nothing left to revoke.
    await resetPassword(admin, { userId: target.id }, { db: prisma });
    expect((await auditOf(target.id)).at(-1)).toMatchObject({ after: { apiTokensRevoked: 0 } });
    expect(await prisma.auditEvent.count({ where: { entityId: pipeline.token.id, action: "api-token.revoke" } })).toBe(
      1,
    );
  });

  it("sends an admin to the account page for their own password", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    expect(await refusal(resetPassword(admin, { userId: admin.id }, { db: prisma }))).toMatchObject({
      status: 403,
      message: expect.stringContaining("/account/password"),
    });
  });
});

describe("listUsers", () => {
  it("lists users without password hashes", async () => {
    const { admin, target } = await setUp();
    const users = await listUsers(admin, { db: prisma });
    const listed = users.find((u) => u.id === target.id)!;
    expect(Object.keys(listed).sort()).toEqual([
      "active",
      "createdAt",
      "email",
      "id",
      "lastSignInAt",
      "mustChangePassword",
      "name",
      "role",
    ]);
  });
});
