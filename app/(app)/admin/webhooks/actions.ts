"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import {
  createWebhook,
  deleteWebhook,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookSettings,
  type WebhookWithSecret,
} from "@/lib/webhooks/manage";
import type {
  createWebhookSchema,
  deliveryIdSchema,
  updateWebhookSchema,
  webhookIdSchema,
} from "@/lib/webhooks/schemas";

// Each domain function parses its input and checks "settings:manage" itself: these actions
// are public endpoints.

const PAGE = "/admin/webhooks";

export async function createWebhookAction(
  input: z.input<typeof createWebhookSchema>,
): Promise<ActionResult<WebhookWithSecret>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const created = await createWebhook(actor, input);
    revalidatePath(PAGE);
    return created;
  });
}

export async function updateWebhookAction(
  input: z.input<typeof updateWebhookSchema>,
): Promise<ActionResult<WebhookSettings>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const updated = await updateWebhook(actor, input);
    revalidatePath(PAGE, "layout");
    return updated;
  });
}

export async function rotateWebhookSecretAction(
  input: z.input<typeof webhookIdSchema>,
): Promise<ActionResult<WebhookWithSecret>> {
  const actor = await getCurrentUser();
  return runAction(() => rotateWebhookSecret(actor, input));
}

export async function deleteWebhookAction(
  input: z.input<typeof webhookIdSchema>,
): Promise<ActionResult<{ id: string }>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const deleted = await deleteWebhook(actor, input);
    revalidatePath(PAGE);
    return deleted;
  });
}

export async function redeliverWebhookAction(
  input: z.input<typeof deliveryIdSchema>,
): Promise<ActionResult<{ id: string; webhookId: string }>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const queued = await redeliverWebhookDelivery(actor, input);
    revalidatePath(`${PAGE}/${queued.webhookId}`);
    return queued;
  });
}
