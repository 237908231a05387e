// Admins register, change, rotate and delete webhooks, and send a delivery again. Each use
// case checks "settings:manage" itself, validates its input (the CLI and tests reach it
// without a server action in front) and is audited in the same transaction.
import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/actions/parse-input";
import { checkOutboundUrl, type OutboundOptions } from "@/lib/security/outbound";
import { queueDeliveryAttempts } from "@/lib/webhooks/deliver";
import { createWebhookSchema, deliveryIdSchema, updateWebhookSchema, webhookIdSchema } from "@/lib/webhooks/schemas";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";

export type WebhookSettings = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
};
/** The plain secret leaves the server only here, once: at creation and on rotation. */
export type WebhookWithSecret = { webhook: WebhookSettings; secret: string };

/** Managers read the audit log but not webhook settings, and a URL's path or query often
 * carries a credential (chat hooks do): the log keeps only the URL's origin. */
function forAudit(webhook: WebhookSettings) {
  return { ...webhook, url: new URL(webhook.url).origin };
}

const settingsSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  active: true,
} satisfies Prisma.WebhookSelect;

export async function createWebhook(
  actor: Actor | null,
  input: z.input<typeof createWebhookSchema>,
  options?: DomainOptions & { outbound?: OutboundOptions },
): Promise<WebhookWithSecret> {
  requirePermission(actor, "settings:manage");
  const data = parseInput(createWebhookSchema, input);
  // Refused here with a reason, and again at each delivery's connect (the DNS answer may change).
  const refused = await checkOutboundUrl(data.url, options?.outbound);
  if (refused) throw invalidField("url", refused);
  const secret = generateWebhookSecret();
  return dbOf(options).$transaction(async (tx) => {
    const webhook = await tx.webhook.create({
      data: {
        url: data.url,
        description: data.description || null,
        events: data.events,
        secret: encryptSecret(secret),
        createdById: actor.id,
      },
      select: settingsSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.create",
      entityType: "Webhook",
      entityId: webhook.id,
      after: forAudit(webhook),
    });
    return { webhook, secret };
  });
}

export async function updateWebhook(
  actor: Actor | null,
  input: z.input<typeof updateWebhookSchema>,
  options?: DomainOptions,
): Promise<WebhookSettings> {
  requirePermission(actor, "settings:manage");
  const { webhookId, ...changes } = parseInput(updateWebhookSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const before = await lockWebhook(tx, webhookId);
    const after = await tx.webhook.update({
      where: { id: webhookId },
      data: {
        events: changes.events,
        active: changes.active,
        ...(changes.description === undefined ? {} : { description: changes.description || null }),
      },
      select: settingsSelect,
    });
    // Nothing sent while it was inactive, and the jobs queued meanwhile found it so: its
    // pending deliveries that are due get their attempt now.
    if (!before.active && after.active) await queueDueDeliveries(tx, webhookId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.update",
      entityType: "Webhook",
      entityId: webhookId,
      before: forAudit(before),
      after: forAudit(after),
    });
    return after;
  });
}

export async function rotateWebhookSecret(
  actor: Actor | null,
  input: z.input<typeof webhookIdSchema>,
  options?: DomainOptions,
): Promise<WebhookWithSecret> {
  requirePermission(actor, "settings:manage");
  const { webhookId } = parseInput(webhookIdSchema, input);
  const secret = generateWebhookSecret();
  return dbOf(options).$transaction(async (tx) => {
    await lockWebhook(tx, webhookId);
    const webhook = await tx.webhook.update({
      where: { id: webhookId },
      data: { secret: encryptSecret(secret) },
      select: settingsSelect,
    });
    // The audit trail says that it happened, never what the secret is.
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.rotate-secret",
      entityType: "Webhook",
      entityId: webhookId,
    });
    return { webhook, secret };
  });
}

export async function deleteWebhook(
  actor: Actor | null,
  input: z.input<typeof webhookIdSchema>,
  options?: DomainOptions,
): Promise<{ id: string }> {
  requirePermission(actor, "settings:manage");
  const { webhookId } = parseInput(webhookIdSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const before = await lockWebhook(tx, webhookId);
    const deliveries = await tx.webhookDelivery.count({ where: { webhookId } });
    // Its deliveries go with it (cascade): they are worthless without the endpoint.
    await tx.webhook.delete({ where: { id: webhookId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.delete",
      entityType: "Webhook",
      entityId: webhookId,
      before: { ...forAudit(before), deliveries },
    });
    return { id: webhookId };
  });
}

/** "Redeliver now": a pending or failed delivery becomes due at once, with its attempts kept. */
export async function redeliverWebhookDelivery(
  actor: Actor | null,
  input: z.input<typeof deliveryIdSchema>,
  options?: DomainOptions,
): Promise<{ id: string; webhookId: string }> {
  requirePermission(actor, "settings:manage");
  const { deliveryId } = parseInput(deliveryIdSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; webhookId: string; status: string; attempts: number }[]>`
      SELECT id, "webhookId", status::text AS status, attempts FROM "WebhookDelivery" WHERE id = ${deliveryId} FOR UPDATE`;
    const delivery = rows[0];
    if (!delivery) throw new AppError("NOT_FOUND", "That delivery does not exist.");
    if (delivery.status === "DELIVERED") throw new AppError("CONFLICT", "This delivery has already been delivered.");
    const { attempts, nextAttemptAt } = await resetDelivery(tx, delivery);
    await queueDeliveryAttempts(tx, [{ id: deliveryId, nextAttemptAt }]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.redeliver",
      entityType: "WebhookDelivery",
      entityId: deliveryId,
      before: { status: delivery.status, attempts: delivery.attempts },
      after: { status: "PENDING", attempts },
    });
    return { id: deliveryId, webhookId: delivery.webhookId };
  });
}

async function queueDueDeliveries(tx: Prisma.TransactionClient, webhookId: string) {
  const now = new Date();
  const due = { webhookId, status: "PENDING" as const, nextAttemptAt: { lte: now } };
  const deliveries = await tx.webhookDelivery.findMany({ where: due, select: { id: true } });
  if (deliveries.length === 0) return;
  await tx.webhookDelivery.updateMany({ where: due, data: { nextAttemptAt: now } });
  await queueDeliveryAttempts(
    tx,
    deliveries.map(({ id }) => ({ id, nextAttemptAt: now })),
  );
}

/**
 * Makes a locked delivery due now, in the caller's transaction; the caller queues the attempt
 * (redelivery) or retries the job that gave up (the jobs page). A failed delivery gets a fresh
 * round of attempts; a pending one keeps its count.
 */
export async function resetDelivery(
  tx: Prisma.TransactionClient,
  delivery: { id: string; status: string; attempts: number },
): Promise<{ attempts: number; nextAttemptAt: Date }> {
  const attempts = delivery.status === "FAILED" ? 0 : delivery.attempts;
  const nextAttemptAt = new Date();
  await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", nextAttemptAt, attempts } });
  return { attempts, nextAttemptAt };
}

async function lockWebhook(tx: Prisma.TransactionClient, webhookId: string): Promise<WebhookSettings> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Webhook" WHERE id = ${webhookId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("NOT_FOUND", "That webhook does not exist.");
  return tx.webhook.findUniqueOrThrow({ where: { id: webhookId }, select: settingsSelect });
}
