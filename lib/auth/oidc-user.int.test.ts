import { describe, expect, it } from "vitest";
import { findOidcUser, signInWithOidc } from "@/lib/auth/oidc-user";
import { uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

function person(overrides: Record<string, unknown> = {}) {
  const key = uniqueKey("sso");
  return { sub: `sub-${key}`, email: `${key}@example.test`, email_verified: true, name: "Sam Single", ...overrides };
}

async function existingUser(data: { email: string; active?: boolean; oidcSubject?: string }) {
  return prisma.user.create({
    data: { name: "Existing Person", role: "REVIEWER", passwordHash: "not-a-real-hash", ...data },
  });
}

describe("signInWithOidc", () => {
  it("creates a new person with the default role, the subject stored, no password, and an audit event", async () => {
    const claims = person({ email: `${uniqueKey("Mixed")}@Example.TEST` });
    const result = await signInWithOidc(claims, { db: prisma, defaultRole: "ENGINEER" });
    expect(result).toMatchObject({
      ok: true,
      created: true,
      user: { email: claims.email.toLowerCase(), name: "Sam Single", role: "ENGINEER", tokenVersion: 0 },
    });
    if (!result.ok) throw new Error("refused");

    const row = await prisma.user.findUniqueOrThrow({ where: { id: result.user.id } });
    expect(row).toMatchObject({
      oidcSubject: claims.sub,
      passwordHash: null,
      mustChangePassword: false,
      active: true,
      role: "ENGINEER",
    });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: row.id, action: "user.create" } });
    expect(audit).toMatchObject({
      actorLabel: "single sign-on",
      entityType: "User",
      after: { email: row.email, role: "ENGINEER", oidcSubject: claims.sub },
    });
  });

  it("finds the same user by subject next time, even when the provider's email changed", async () => {
    const claims = person();
    const first = await signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" });
    const again = await signInWithOidc(
      { ...claims, email: `${uniqueKey("renamed")}@example.test` },
      { db: prisma, defaultRole: "MANAGER" },
    );
    expect(again).toMatchObject({ ok: true, created: false });
    expect(first.ok && again.ok && again.user.id === first.user.id).toBe(true);
    expect(await prisma.user.count({ where: { oidcSubject: claims.sub } })).toBe(1);
  });

  it("links an existing active account by verified email, keeping its role, and records the link", async () => {
    const claims = person();
    const existing = await existingUser({ email: claims.email });
    const result = await signInWithOidc(
      { ...claims, email: claims.email.toUpperCase(), email_verified: "true" },
      { db: prisma, defaultRole: "VIEWER" },
    );
    expect(result).toEqual({
      ok: true,
      created: false,
      user: { id: existing.id, email: claims.email, name: "Existing Person", role: "REVIEWER", tokenVersion: 0 },
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(row.oidcSubject).toBe(claims.sub);
    expect(row.passwordHash).toBe("not-a-real-hash");
    expect(await prisma.auditEvent.count({ where: { entityId: existing.id, action: "user.oidc.link" } })).toBe(1);
  });

  it("never links by an email the provider did not verify", async () => {
    for (const verified of [false, "false", undefined]) {
      const claims = person({ email_verified: verified });
      const existing = await existingUser({ email: claims.email });
      expect(await signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" })).toEqual({
        ok: false,
        reason: "email-not-verified",
      });
      expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).oidcSubject).toBeNull();
    }
  });

  it("refuses a deactivated user, whether found by subject or by email", async () => {
    const bySubject = person();
    await existingUser({ email: bySubject.email, oidcSubject: bySubject.sub, active: false });
    expect(await signInWithOidc(bySubject, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "inactive",
    });
    expect(await findOidcUser(bySubject.sub, { db: prisma })).toBeNull();

    const byEmail = person();
    const inactive = await existingUser({ email: byEmail.email, active: false });
    expect(await signInWithOidc(byEmail, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "inactive",
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: inactive.id } })).oidcSubject).toBeNull();
  });

  it("refuses a new person without an email, and claims that are not claims, creating nothing", async () => {
    const { email: _email, ...withoutEmail } = person();
    expect(await signInWithOidc(withoutEmail, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "missing-email",
    });
    expect(await signInWithOidc(person({ email: "not-an-email" }), { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "invalid-claims",
    });
    const withoutSubject = `${uniqueKey("no-subject")}@example.test`;
    expect(await signInWithOidc({ email: withoutSubject }, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "invalid-claims",
    });
    expect(await prisma.user.count({ where: { email: withoutSubject } })).toBe(0);
    expect(await signInWithOidc(undefined, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "invalid-claims",
    });
    expect(await prisma.user.count({ where: { oidcSubject: withoutEmail.sub } })).toBe(0);
  });

  it("refuses to move an account already linked to another subject", async () => {
    const claims = person();
    await existingUser({ email: claims.email, oidcSubject: `other-${claims.sub}` });
    expect(await signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" })).toEqual({
      ok: false,
      reason: "linked-to-another-subject",
    });
  });

  it("names a new person after their email when the provider's name is unusable", async () => {
    const claims = person({ name: " <\u0007> " });
    const result = await signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" });
    expect(result.ok && result.user.name).toBe(claims.email.split("@")[0]);
  });

  it("two first sign-ins of the same person at once end as one user", async () => {
    const claims = person();
    const results = await Promise.all([
      signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" }),
      signInWithOidc(claims, { db: prisma, defaultRole: "VIEWER" }),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await prisma.user.count({ where: { oidcSubject: claims.sub } })).toBe(1);
  });

  it("findOidcUser gives what the session carries: id, role and the current tokenVersion", async () => {
    const claims = person();
    const result = await signInWithOidc(claims, { db: prisma, defaultRole: "MANAGER" });
    if (!result.ok) throw new Error("refused");
    await prisma.user.update({ where: { id: result.user.id }, data: { tokenVersion: { increment: 1 } } });
    expect(await findOidcUser(claims.sub, { db: prisma })).toEqual({
      id: result.user.id,
      email: claims.email,
      name: "Sam Single",
      role: "MANAGER",
      tokenVersion: 1,
    });
  });
});
