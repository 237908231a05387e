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
import { createWebhookSchema, deliveryIdSchema, updateWebhookSchema, webhookIdSchema } from "@/lib/webhooks/schemas";

// Each domain function checks "settings:manage" itself: these actions are public endpoints.

const PAGE = "/admin/webhooks";

export async function createWebhookAction(
  input: z.input<typeof createWebhookSchema>,
): Promise<ActionResult<WebhookWithSecret>> {
  const actor = await getCurrentUser();
  return runAction(createWebhookSchema, input, async (data) => {
    const created = await createWebhook(actor, data);
    revalidatePath(PAGE);
    return created;
  });
}

export async function updateWebhookAction(
  input: z.input<typeof updateWebhookSchema>,
): Promise<ActionResult<WebhookSettings>> {
  const actor = await getCurrentUser();
  return runAction(updateWebhookSchema, input, async (data) => {
    const updated = await updateWebhook(actor, data);
    revalidatePath(PAGE, "layout");
    return updated;
  });
}

export async function rotateWebhookSecretAction(
  input: z.input<typeof webhookIdSchema>,
): Promise<ActionResult<WebhookWithSecret>> {
  const actor = await getCurrentUser();
  return runAction(webhookIdSchema, input, async (data) => rotateWebhookSecret(actor, data));
}

export async function deleteWebhookAction(
  input: z.input<typeof webhookIdSchema>,
): Promise<ActionResult<{ id: string }>> {
  const actor = await getCurrentUser();
  return runAction(webhookIdSchema, input, async (data) => {
    const deleted = await deleteWebhook(actor, data);
    revalidatePath(PAGE);
    return deleted;
  });
}

export async function redeliverWebhookAction(
  input: z.input<typeof deliveryIdSchema>,
): Promise<ActionResult<{ id: string; webhookId: string }>> {
  const actor = await getCurrentUser();
  return runAction(deliveryIdSchema, input, async (data) => {
    const queued = await redeliverWebhookDelivery(actor, data);
    revalidatePath(`${PAGE}/${queued.webhookId}`);
    return queued;
  });
}
