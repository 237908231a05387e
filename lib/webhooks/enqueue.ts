// The outbox: a change queues its webhook deliveries in its own transaction, with the job of
// each one's first attempt, so an event is sent if and only if the change committed. Delivery
// happens on the job queue (deliver.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeploymentStatus, WebhookEvent } from "@/lib/generated/prisma/enums";
import { jobId } from "@/lib/jobs/send";
import { queueDeliveryAttempts } from "@/lib/webhooks/deliver";
import { eventNames } from "@/lib/webhooks/events";

type Tx = Pick<Prisma.TransactionClient, "webhook" | "webhookDelivery" | "$queryRawUnsafe">;

export type DeploymentFacts = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  url: string;
};

type EventData = Record<string, Prisma.InputJsonValue>;

/**
 * Queues one delivery per active webhook subscribed to `event`; returns how many. `data`
 * may be a function, so a change nobody subscribed to costs one query and no more. `once`
 * names an event that must reach each webhook only once however often it is queued (a
 * reminder): the delivery id is derived from it, and a second insert of it is skipped.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  event: WebhookEvent,
  data: EventData | (() => Promise<EventData>),
  occurredAt: Date = new Date(),
  options: { once?: string } = {},
): Promise<number> {
  const webhooks = await tx.webhook.findMany({ where: { active: true, events: { has: event } }, select: { id: true } });
  if (webhooks.length === 0) return 0;
  const facts = typeof data === "function" ? await data() : data;
  // The id is chosen here so the payload can carry it: receivers deduplicate on it.
  const rows = webhooks.map((webhook) => {
    const id = options.once ? jobId("webhook-event", options.once, webhook.id) : randomUUID();
    return {
      id,
      webhookId: webhook.id,
      event,
      nextAttemptAt: occurredAt,
      payload: { id, event: eventNames[event], occurredAt: occurredAt.toISOString(), data: facts },
    };
  });
  const created = await tx.webhookDelivery.createManyAndReturn({
    data: rows,
    skipDuplicates: Boolean(options.once),
    select: { id: true, nextAttemptAt: true },
  });
  await queueDeliveryAttempts(tx, created);
  return created.length;
}

/** The facts about a deployment that events carry: ids and names, never secrets. */
export async function deploymentFacts(
  tx: Pick<Prisma.TransactionClient, "deployment">,
  deploymentId: string,
): Promise<DeploymentFacts> {
  const deployment = await tx.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { id: true, service: true, environment: true, version: true, status: true },
  });
  return { ...deployment, url: appUrl(`/deployments/${deployment.id}`) };
}

export function appUrl(path: string): string {
  const config = env();
  return new URL(path, config.APP_URL ?? `http://localhost:${config.PORT}`).toString();
}
