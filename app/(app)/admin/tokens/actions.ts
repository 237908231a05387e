"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { createApiToken, type CreatedApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import type { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/api-tokens/schemas";
import type { ApiTokenRow } from "@/lib/api-tokens/token-row";
import { getCurrentUser } from "@/lib/auth/session";

// The domain functions parse their input and check "token:manage" themselves: these
// actions are public endpoints.

export async function createApiTokenAction(
  input: z.input<typeof createApiTokenSchema>,
): Promise<ActionResult<CreatedApiToken>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const created = await createApiToken(actor, input);
    revalidatePath("/admin/tokens");
    return created;
  });
}

export async function revokeApiTokenAction(
  input: z.input<typeof revokeApiTokenSchema>,
): Promise<ActionResult<ApiTokenRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const token = await revokeApiToken(actor, input);
    revalidatePath("/admin/tokens");
    return token;
  });
}
