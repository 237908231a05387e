"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { changeRole } from "@/lib/users/change-role";
import { createUser } from "@/lib/users/create-user";
import { resetPassword } from "@/lib/users/reset-password";
import type { changeRoleSchema, createUserSchema, resetPasswordSchema, setActiveSchema } from "@/lib/users/schemas";
import { setActive } from "@/lib/users/set-active";
import type { UserRow } from "@/lib/users/user-row";

// Each domain function parses its input and checks "user:manage" itself: these actions are
// public endpoints, whatever the page that shows their buttons decided.

export type OneTimePasswordResult = { user: UserRow; oneTimePassword: string };

export async function createUserAction(
  input: z.input<typeof createUserSchema>,
): Promise<ActionResult<OneTimePasswordResult>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const created = await createUser(actor, input);
    revalidatePath("/admin");
    return created;
  });
}

export async function changeRoleAction(input: z.input<typeof changeRoleSchema>): Promise<ActionResult<UserRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const user = await changeRole(actor, input);
    revalidatePath("/admin");
    return user;
  });
}

export async function setActiveAction(input: z.input<typeof setActiveSchema>): Promise<ActionResult<UserRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const user = await setActive(actor, input);
    revalidatePath("/admin");
    return user;
  });
}

export async function resetPasswordAction(
  input: z.input<typeof resetPasswordSchema>,
): Promise<ActionResult<OneTimePasswordResult>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const reset = await resetPassword(actor, input);
    revalidatePath("/admin");
    return reset;
  });
}
