// Sends due deliveries from the WebhookDelivery table. Each run claims a batch with
// FOR UPDATE SKIP LOCKED and leases it (nextAttemptAt moves past the send timeout) in one
// statement, so any number of app instances and cron runs never send the same delivery at
// the same time, and nothing about the queue lives in memory: a crash mid-send only means
// the lease runs out and the delivery is sent again (receivers deduplicate on its id).
import "server-only";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { eventNames } from "@/lib/webhooks/events";
import { decryptSecret, signBody } from "@/lib/webhooks/secret";

export const MAX_ATTEMPTS = 8;
export const DELIVERY_TIMEOUT_MS = 10_000;
const LEASE_MS = 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/** The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS);
}

export type DeliveryRunSummary = { claimed: number; delivered: number; retrying: number; failed: number };

type Options = DomainOptions & { now?: Date; limit?: number };

export async function deliverDueWebhooks(options: Options = {}): Promise<DeliveryRunSummary> {
  const { now = new Date(), limit = 20 } = options;
  const client = dbOf(options);
  const claimed = await claimDue(client, now, limit);
  const summary: DeliveryRunSummary = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  if (claimed.length === 0) return summary;
  const deliveries = await client.webhookDelivery.findMany({
    where: { id: { in: claimed } },
    select: { id: true, event: true, payload: true, attempts: true, webhook: { select: { url: true, secret: true } } },
  });
  const outcomes = await Promise.all(deliveries.map((delivery) => attempt(delivery)));
  for (const [index, outcome] of outcomes.entries()) {
    const delivery = deliveries[index]!;
    const attempts = delivery.attempts + 1;
    if (outcome.ok) {
      summary.delivered += 1;
      // updateMany: a webhook deleted during the send took its deliveries with it.
      await client.webhookDelivery.updateMany({
        where: { id: delivery.id },
        data: {
          status: "DELIVERED",
          attempts,
          lastAttemptAt: now,
          deliveredAt: now,
          responseStatus: outcome.status,
          lastError: null,
        },
      });
      continue;
    }
    const failed = attempts >= MAX_ATTEMPTS;
    summary[failed ? "failed" : "retrying"] += 1;
    await client.webhookDelivery.updateMany({
      where: { id: delivery.id },
      data: {
        status: failed ? "FAILED" : "PENDING",
        attempts,
        lastAttemptAt: now,
        responseStatus: outcome.status,
        lastError: outcome.error.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
      },
    });
  }
  return summary;
}

/** Leases up to `limit` due deliveries of active webhooks; returns their ids. */
async function claimDue(client: DbClient, now: Date, limit: number): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const rows = await client.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery"
       SET "nextAttemptAt" = (${leaseUntil}::timestamptz AT TIME ZONE 'UTC')
     WHERE id IN (
       SELECT d.id
         FROM "WebhookDelivery" d
         JOIN "Webhook" w ON w.id = d."webhookId"
        WHERE d.status = 'PENDING'
          AND d."nextAttemptAt" <= (${now}::timestamptz AT TIME ZONE 'UTC')
          AND w.active
        ORDER BY d."nextAttemptAt", d.id
        LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED)
    RETURNING id`;
  return rows.map((row) => row.id);
}

type Claimed = { id: string; event: WebhookEvent; payload: unknown; webhook: { url: string; secret: string } };
type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function attempt(delivery: Claimed): Promise<Outcome> {
  let secret: string;
  try {
    secret = decryptSecret(delivery.webhook.secret);
  } catch {
    return {
      ok: false,
      status: null,
      error: "The webhook's secret cannot be decrypted (was AUTH_SECRET changed?); rotate the secret.",
    };
  }
  const body = JSON.stringify(delivery.payload);
  try {
    const response = await fetch(delivery.webhook.url, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Preflight-Webhooks/1",
        "X-Preflight-Event": eventNames[delivery.event],
        "X-Preflight-Delivery": delivery.id,
        "X-Preflight-Signature": `sha256=${signBody(body, secret)}`,
      },
    });
    // Only the status matters; reading the body would let a receiver hold the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const redirect =
      response.status >= 300 && response.status < 400 ? " (redirects are not followed; register the final URL)" : "";
    return { ok: false, status: response.status, error: `The receiver answered HTTP ${response.status}${redirect}.` };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error) };
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError")
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause && "code" in cause ? String(cause.code) : null;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `Could not reach the receiver: ${code && !message.includes(code) ? `${code} ` : ""}${message}`;
}
