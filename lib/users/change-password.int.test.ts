import { describe, expect, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { changeOwnPassword } from "@/lib/users/change-password";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const oneTime = "one-time-password-1";
const chosen = "my own long passphrase";

async function userWithOneTimePassword() {
  return prisma.user.create({
    data: {
      email: `${uniqueKey("pw")}@example.test`,
      name: "Pat",
      role: "ENGINEER",
      passwordHash: await hashPassword(oneTime),
      mustChangePassword: true,
    },
  });
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  // The message a person sees beside the field, or the whole refusal's.
  const fieldMessage = error.fieldErrors && Object.values(error.fieldErrors)[0];
  return { status: error.status, message: fieldMessage ?? error.message };
}

describe("changeOwnPassword", () => {
  it("replaces the one-time password, clears the obligation, ends old sessions and audits without secrets", async () => {
    const user = await userWithOneTimePassword();
    await changeOwnPassword(
      user,
      { currentPassword: oneTime, newPassword: chosen, confirmPassword: chosen },
      { db: prisma },
    );
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ mustChangePassword: false, tokenVersion: 1 });
    expect(await verifyPassword(row.passwordHash!, chosen)).toBe(true);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: user.id } });
    expect(event).toMatchObject({
      actorId: user.id,
      action: "user.password.change",
      after: { mustChangePassword: false },
    });
    expect(JSON.stringify([event.before, event.after])).not.toContain(row.passwordHash!);
  });

  it("keeps the API tokens that speak for the user (only an admin's reset revokes them)", async () => {
    const user = await userWithOneTimePassword();
    const admin = await createTestUser(prisma, "ADMIN");
    const { secret } = await createApiToken(
      admin,
      { name: "pipeline", scopes: ["READ"], userId: user.id },
      { db: prisma },
    );
    await changeOwnPassword(
      user,
      { currentPassword: oneTime, newPassword: chosen, confirmPassword: chosen },
      { db: prisma },
    );
    expect((await authenticateApiToken(secret, { db: prisma })).actor.id).toBe(user.id);
  });

  it.each([
    [
      { currentPassword: "wrong password!", newPassword: chosen, confirmPassword: chosen },
      400,
      "Your current password is not correct.",
    ],
    [
      { currentPassword: oneTime, newPassword: "too short", confirmPassword: "too short" },
      400,
      "Use at least 12 characters.",
    ],
    [
      { currentPassword: oneTime, newPassword: chosen, confirmPassword: `${chosen}!` },
      400,
      "The new passwords do not match.",
    ],
    [
      { currentPassword: oneTime, newPassword: oneTime, confirmPassword: oneTime },
      400,
      "Choose a password different from your current one.",
    ],
  ])("refuses %o and changes nothing", async (input, status, message) => {
    const user = await userWithOneTimePassword();
    expect(await refusal(changeOwnPassword(user, input, { db: prisma }))).toEqual({ status, message });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      mustChangePassword: true,
      tokenVersion: 0,
      passwordHash: user.passwordHash,
    });
  });

  it("L3: refuses a new password that is long enough but easy to guess, says why, and changes nothing", async () => {
    const user = await userWithOneTimePassword();
    for (const weak of ["aaaaaaaaaaaa", "password1234", "qwertyuiop12"]) {
      const input = { currentPassword: oneTime, newPassword: weak, confirmPassword: weak };
      const { status, message } = await refusal(changeOwnPassword(user, input, { db: prisma }));
      expect(status).toBe(400);
      expect(message).toMatch(/^This password is too easy to guess\. \S/);
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      mustChangePassword: true,
      tokenVersion: 0,
      passwordHash: user.passwordHash,
    });
  });

  it("needs a signed-in, active user", async () => {
    const user = await userWithOneTimePassword();
    const input = { currentPassword: oneTime, newPassword: chosen, confirmPassword: chosen };
    expect((await refusal(changeOwnPassword(null, input, { db: prisma }))).status).toBe(401);
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await refusal(changeOwnPassword(user, input, { db: prisma }))).status).toBe(401);
  });

  it("stops guessing the current password after ten wrong ones", async () => {
    const user = await userWithOneTimePassword();
    const wrong = { currentPassword: "wrong password!", newPassword: chosen, confirmPassword: chosen };
    for (let i = 0; i < 10; i++)
      expect((await refusal(changeOwnPassword(user, wrong, { db: prisma }))).status).toBe(400);
    expect(await refusal(changeOwnPassword(user, { ...wrong, currentPassword: oneTime }, { db: prisma }))).toEqual({
      status: 429,
      message: "Too many wrong passwords. Wait 15 minutes, then try again.",
    });
  });
});
