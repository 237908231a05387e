import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { migrate } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/client";
import { REFERENCE_TEMPLATE_SLUG, seedDatabase } from "@/lib/seed/seed";
import { createScratchDatabase } from "@/test/db";

async function freshDatabase() {
  const url = await createScratchDatabase();
  await migrate(url);
  return { url, prisma: createPrismaClient(url, { max: 4 }) };
}

describe("seedDatabase", () => {
  it("in local mode creates the reference template and one demo user per role, once", async () => {
    const { prisma } = await freshDatabase();
    try {
      const first = await seedDatabase({ mode: "local" }, { db: prisma });
      expect(first.templateCreated).toBe(true);
      expect(first.demoUsers.map((u) => u.role).sort()).toEqual(["ADMIN", "ENGINEER", "MANAGER", "REVIEWER", "VIEWER"]);
      for (const demo of first.demoUsers) {
        const user = await prisma.user.findUniqueOrThrow({ where: { email: demo.email } });
        expect(user.role).toBe(demo.role);
        expect(user.passwordHash).not.toContain(demo.password);
        expect(await verifyPassword(user.passwordHash!, demo.password)).toBe(true);
      }

      const second = await seedDatabase({ mode: "local" }, { db: prisma });
      expect(second).toEqual({ templateCreated: false, demoUsers: [] });
      expect(await prisma.user.count()).toBe(5);
      expect(await prisma.template.count({ where: { slug: REFERENCE_TEMPLATE_SLUG } })).toBe(1);
      expect(await prisma.auditEvent.count({ where: { action: "template.import" } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("in production mode never creates demo users", async () => {
    const { prisma } = await freshDatabase();
    try {
      const result = await seedDatabase({ mode: "production" }, { db: prisma });
      expect(result.demoUsers).toEqual([]);
      expect(await prisma.user.count()).toBe(0);
      expect(await prisma.template.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("run by two app instances at once still creates everything exactly once", async () => {
    const { url, prisma } = await freshDatabase();
    const otherInstance = createPrismaClient(url, { max: 4 });
    try {
      const [a, b] = await Promise.all([
        seedDatabase({ mode: "local" }, { db: prisma }),
        seedDatabase({ mode: "local" }, { db: otherInstance }),
      ]);
      expect(a.demoUsers.length + b.demoUsers.length).toBe(5);
      expect([a.templateCreated, b.templateCreated].filter(Boolean)).toHaveLength(1);
      expect(await prisma.template.count()).toBe(1);
    } finally {
      await Promise.all([prisma.$disconnect(), otherInstance.$disconnect()]);
    }
  });
});
