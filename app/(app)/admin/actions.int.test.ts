// The admin actions as public endpoints: whoever calls them, with whatever input, gets a
// result a person can read, and only an admin's valid request changes anything.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string }; tokenVersion: number; sid: string },
}));
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(session.current) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { changeRoleAction, createUserAction, resetPasswordAction, setActiveAction } =
  await import("@/app/(app)/admin/actions");
const prisma = useTestPrisma();

async function signInAs(role: "ADMIN" | "MANAGER" | "REVIEWER" | "ENGINEER" | "VIEWER") {
  const user = await createTestUser(prisma, role);
  session.current = { user: { id: user.id }, tokenVersion: 0, sid: crypto.randomUUID() };
  return user;
}

const newUser = () => ({ name: "Avery", email: `${uniqueKey("action")}@example.test`, role: "ENGINEER" as const });

beforeEach(() => {
  session.current = null;
});

describe("admin actions", () => {
  it("let an admin create a user and show the one-time password once", async () => {
    await signInAs("ADMIN");
    const input = newUser();
    const result = await createUserAction(input);
    expect(result).toMatchObject({
      ok: true,
      data: {
        user: { email: input.email, role: "ENGINEER", mustChangePassword: true },
        oneTimePassword: expect.any(String),
      },
    });
    expect(await createUserAction(input)).toEqual({
      ok: false,
      status: 409,
      error: `A user with the email ${input.email} already exists.`,
    });
  });

  it.each(["MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const)("refuse a %s with 403", async (role) => {
    const target = await createTestUser(prisma, "ENGINEER");
    await signInAs(role);
    const refused = { ok: false, status: 403, error: "Your role does not allow this action." };
    expect(await createUserAction(newUser())).toMatchObject(refused);
    expect(await changeRoleAction({ userId: target.id, role: "ADMIN" })).toMatchObject(refused);
    expect(await setActiveAction({ userId: target.id, active: false })).toMatchObject(refused);
    expect(await resetPasswordAction({ userId: target.id })).toMatchObject(refused);
  });

  it("refuse a deactivated admin with 401", async () => {
    const admin = await signInAs("ADMIN");
    await prisma.user.update({ where: { id: admin.id }, data: { active: false } });
    expect(await createUserAction(newUser())).toMatchObject({ ok: false, status: 401, error: "Sign in to continue." });
  });

  it("answer bad input with 400 naming the field", async () => {
    await signInAs("ADMIN");
    expect(await createUserAction({ ...newUser(), email: "nope" })).toMatchObject({
      ok: false,
      status: 400,
      error: "email: Enter a valid email address.",
      fieldErrors: { email: "Enter a valid email address." },
    });
    expect(await setActiveAction({ userId: "x", active: "no" as unknown as boolean })).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it("do not let an admin deactivate or demote themselves", async () => {
    const admin = await signInAs("ADMIN");
    expect(await setActiveAction({ userId: admin.id, active: false })).toMatchObject({
      ok: false,
      status: 403,
      error: "You cannot deactivate your own account. Ask another admin to do it.",
    });
    expect(await changeRoleAction({ userId: admin.id, role: "VIEWER" })).toMatchObject({
      ok: false,
      status: 403,
      error: "You cannot change your own role. Ask another admin to do it.",
    });
  });
});
