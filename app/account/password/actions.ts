"use server";

import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getSessionUser } from "@/lib/auth/session";
import { changeOwnPassword } from "@/lib/users/change-password";
import type { changePasswordSchema } from "@/lib/users/schemas";

/** The one action open to a user who still holds a one-time password (getSessionUser, not getCurrentUser). */
export async function changePasswordAction(input: z.input<typeof changePasswordSchema>): Promise<ActionResult<null>> {
  const user = await getSessionUser();
  return runAction(async () => {
    await changeOwnPassword(user, input);
    return null;
  });
}
