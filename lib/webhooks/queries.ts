// What the admin pages show. Secrets are never selected here.
import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { WebhookDeliveryStatus, WebhookEvent } from "@/lib/generated/prisma/enums";
import { isPlausibleId } from "@/lib/validation";

export const DELIVERIES_PER_PAGE = 20;

export type WebhookListRow = {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  lastDelivery: { status: WebhookDeliveryStatus; createdAt: Date } | null;
};

export type DeliveryRow = {
  id: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
};

export type DeliveryPage = { rows: DeliveryRow[]; page: number; pageCount: number; total: number };

export async function listWebhooks(actor: Actor | null, options?: DomainOptions): Promise<WebhookListRow[]> {
  requirePermission(actor, "settings:manage");
  const webhooks = await dbOf(options).webhook.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, createdAt: true } },
    },
  });
  return webhooks.map(({ deliveries, ...webhook }) => ({ ...webhook, lastDelivery: deliveries[0] ?? null }));
}

export async function getWebhook(
  actor: Actor | null,
  webhookId: string,
  options?: DomainOptions,
): Promise<Omit<WebhookListRow, "lastDelivery"> | null> {
  requirePermission(actor, "settings:manage");
  // An id from the URL: anything that cannot be one is simply not found.
  if (!isPlausibleId(webhookId)) return null;
  return dbOf(options).webhook.findUnique({
    where: { id: webhookId },
    select: { id: true, url: true, description: true, events: true, active: true, createdAt: true },
  });
}

export async function listDeliveries(
  actor: Actor | null,
  webhookId: string,
  requestedPage: number,
  options?: DomainOptions,
): Promise<DeliveryPage> {
  requirePermission(actor, "settings:manage");
  const db = dbOf(options);
  const total = await db.webhookDelivery.count({ where: { webhookId } });
  const pageCount = Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * DELIVERIES_PER_PAGE,
    take: DELIVERIES_PER_PAGE,
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      responseStatus: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
    },
  });
  return { rows, page, pageCount, total };
}
