"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { decideWaiver } from "@/lib/waivers/decide-waiver";
import { requestWaiver } from "@/lib/waivers/request-waiver";
import { revokeWaiver } from "@/lib/waivers/revoke-waiver";
import type { decideWaiverSchema, requestWaiverSchema, revokeWaiverSchema } from "@/lib/waivers/schemas";

export async function requestWaiverAction(
  input: z.input<typeof requestWaiverSchema>,
): Promise<ActionResult<{ id: string; requiredApprovals: number; expiresAt: string }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const result = await requestWaiver(user, input);
    revalidatePath("/waivers");
    return result;
  });
}

export async function decideWaiverAction(
  input: z.input<typeof decideWaiverSchema>,
): Promise<ActionResult<{ status: "PENDING" | "APPROVED" | "REJECTED"; approvals: number; required: number }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const result = await decideWaiver(user, input);
    revalidatePath("/waivers");
    return result;
  });
}

export async function revokeWaiverAction(input: z.input<typeof revokeWaiverSchema>): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await revokeWaiver(user, input);
    revalidatePath("/waivers");
    return null;
  });
}
