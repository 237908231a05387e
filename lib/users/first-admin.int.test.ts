import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { ensureFirstAdmin, firstAdminLogLine } from "@/lib/users/first-admin";
import { createScratchDatabase } from "@/test/db";

// "No admin exists" is a property of the whole database: each test gets an empty one.
async function freshDatabase() {
  const url = await createScratchDatabase();
  await migrate(url);
  return createPrismaClient(url, { max: 4 });
}

const config = { email: "root@example.test", password: "a long first password" };

describe("ensureFirstAdmin", () => {
  it("creates the configured admin once, with a password to change at first sign-in, even when instances start together", async () => {
    const prisma = await freshDatabase();
    try {
      const outcomes = await Promise.all([
        ensureFirstAdmin(config, { db: prisma }),
        ensureFirstAdmin(config, { db: prisma }),
        ensureFirstAdmin(config, { db: prisma }),
      ]);
      expect(outcomes.sort()).toEqual(["admin-exists", "admin-exists", "created"]);
      const admin = await prisma.user.findUniqueOrThrow({ where: { email: config.email } });
      expect(admin).toMatchObject({ role: "ADMIN", active: true, mustChangePassword: true });
      expect(await verifyPassword(admin.passwordHash!, config.password)).toBe(true);
      const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: admin.id } });
      expect(event).toMatchObject({ actorLabel: "start-up", action: "user.create" });
      expect(JSON.stringify([event.before, event.after])).not.toContain(admin.passwordHash!);
      expect(await ensureFirstAdmin({ ...config, email: "other@example.test" }, { db: prisma })).toBe("admin-exists");
      expect(await prisma.user.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("creates nothing when the email belongs to another user, and reports a missing admin without settings", async () => {
    const prisma = await freshDatabase();
    try {
      expect(await ensureFirstAdmin(undefined, { db: prisma })).toBe("no-admin");
      await prisma.user.create({ data: { email: config.email, name: "Existing", role: "VIEWER" } });
      expect(await ensureFirstAdmin(config, { db: prisma })).toBe("email-taken");
      expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("firstAdminLogLine", () => {
  it("warns while the settings are still set after an admin exists, and says nothing when they are not", () => {
    const set = { APP_ENV: "production" as const, DEFAULT_ADMIN_EMAIL: config.email };
    expect(firstAdminLogLine("admin-exists", set)).toEqual({
      level: "warn",
      message:
        "DEFAULT_ADMIN_EMAIL/DEFAULT_ADMIN_PASSWORD are still set; remove them: an admin exists already, so they are ignored.",
    });
    expect(firstAdminLogLine("admin-exists", { APP_ENV: "production", DEFAULT_ADMIN_EMAIL: undefined })).toBeNull();
    expect(firstAdminLogLine("no-admin", { APP_ENV: "local", DEFAULT_ADMIN_EMAIL: undefined })).toBeNull();
    expect(firstAdminLogLine("no-admin", { APP_ENV: "production", DEFAULT_ADMIN_EMAIL: undefined })?.level).toBe(
      "warn",
    );
    expect(firstAdminLogLine("created", set)).toMatchObject({
      level: "info",
      message: expect.stringContaining(config.email),
    });
  });
});
