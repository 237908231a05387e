import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

async function createUser(overrides: { active?: boolean } = {}) {
  const email = `${uniqueKey("user")}@example.test`;
  const password = "correct horse battery staple";
  const user = await prisma.user.create({
    data: { email, name: "Test User", role: "ENGINEER", passwordHash: await hashPassword(password), ...overrides },
  });
  return { user, email, password };
}

/** Each test signs in from its own address, so parallel tests never share an IP counter. */
const ip = () => uniqueKey("ip");

describe("authenticateWithPassword", () => {
  it("accepts the right password, case-insensitively on the email, and records the sign-in", async () => {
    const { user, email, password } = await createUser();
    const result = await authenticateWithPassword({ email: email.toUpperCase(), password, ip: ip() }, { db: prisma });
    expect(result).toEqual({ id: user.id, email, name: "Test User", role: "ENGINEER", tokenVersion: 0 });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastSignInAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password, an unknown email and a deactivated user alike", async () => {
    const { email } = await createUser();
    const inactive = await createUser({ active: false });
    const from = ip();
    expect(await authenticateWithPassword({ email, password: "wrong password", ip: from }, { db: prisma })).toBeNull();
    expect(
      await authenticateWithPassword(
        {
          email: `${uniqueKey("nobody")}@example.test`,
          password: "whatever",
          ip: from,
        },
        { db: prisma },
      ),
    ).toBeNull();
    expect(
      await authenticateWithPassword({ email: inactive.email, password: inactive.password, ip: from }, { db: prisma }),
    ).toBeNull();
  });
});
