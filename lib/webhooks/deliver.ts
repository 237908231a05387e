// Sends webhook deliveries. The WebhookDelivery row (the outbox, written in the change's own
// transaction) is the truth; each attempt is one job on the "webhook-delivery" queue
// (lib/jobs/queues.ts), queued in the same transaction as the row. A sender first leases the
// row (nextAttemptAt moves past the send timeout, in one UPDATE … WHERE due), so two senders
// — two runners, or a runner and `npm run cli -- webhooks deliver` — never send the same
// delivery at once. A failure records itself and queues the next attempt (30 s × 2ⁿ, at most
// 1 h) in one transaction; the eighth fails the job. A runner that dies mid-send leaves its
// job active: pg-boss expires it (DELIVERY_EXPIRE_SECONDS) and retries it, by then the lease
// has run out too. Receivers deduplicate on the delivery id (at-least-once).
import "server-only";
import { z } from "zod";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { DELIVERY_EXPIRE_SECONDS, QUEUES } from "@/lib/jobs/queues";
import { jobId, sendJobs, type JobToSend, type SqlRunner } from "@/lib/jobs/send";
import { describeOutboundFailure, sendOutbound, type OutboundOptions } from "@/lib/security/outbound";
import { eventNames } from "@/lib/webhooks/events";
import { decryptSecret, signBody } from "@/lib/webhooks/secret";

export const MAX_ATTEMPTS = 8;
export const DELIVERY_TIMEOUT_MS = 10_000;
/** As long as the job's expiry: when pg-boss retries a dead sender's job, the lease is over. */
export const LEASE_MS = DELIVERY_EXPIRE_SECONDS * 1000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

/** The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … capped at 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(attempts - 1, 0), MAX_DELAY_MS);
}

/** A delivery job's data: the delivery and the attempt time it was queued for. */
export const deliveryJobData = z.object({ deliveryId: z.string().min(1), at: z.iso.datetime() });
export type DeliveryJobData = z.infer<typeof deliveryJobData>;

/** The job that sends `deliveryId` at `at`; one id per delivery and time, so queueing it twice is once. */
export function deliveryJob(deliveryId: string, at: Date): JobToSend {
  const data: DeliveryJobData = { deliveryId, at: at.toISOString() };
  return {
    queue: QUEUES.webhookDelivery,
    id: jobId(QUEUES.webhookDelivery, deliveryId, data.at),
    data,
    startAfter: at,
  };
}

/** Queues the attempt at the delivery's nextAttemptAt, in the caller's transaction. */
export function queueDeliveryAttempts(tx: SqlRunner, deliveries: { id: string; nextAttemptAt: Date }[]) {
  return sendJobs(
    tx,
    deliveries.map((delivery) => deliveryJob(delivery.id, delivery.nextAttemptAt)),
  );
}

/** The eighth failure: the job fails with the receiver's last answer, and is listed as failed. */
export class DeliveryFailedError extends Error {
  constructor(lastError: string | null) {
    super(`Gave up after ${MAX_ATTEMPTS} attempts: ${lastError ?? "no answer recorded"}`);
    this.name = "DeliveryFailedError";
  }
}

export type DeliveryJobOutcome =
  | { outcome: "delivered"; status: number }
  | { outcome: "retrying"; nextAttemptAt: string; error: string }
  /** Leased by another sender or not due yet: the attempt at that time is queued. */
  | { outcome: "later"; nextAttemptAt: string }
  | { outcome: "skipped"; reason: string };

/** `outbound`: the private-address check's settings (tests inject a resolver; default ALLOW_PRIVATE_OUTBOUND). */
type Options = DomainOptions & { now?: Date; outbound?: OutboundOptions };

/** The "webhook-delivery" job: one attempt for one delivery, if it is due and free. */
export async function runDeliveryJob(job: DeliveryJobData, options: Options = {}): Promise<DeliveryJobOutcome> {
  const { now = new Date() } = options;
  const { deliveryId } = job;
  const client = dbOf(options);
  // pg-boss started the job by the database's clock: the attempt it was queued for is due even
  // if this server's clock is behind; anything later (a lease) is due by ours.
  const dueBy = new Date(Math.max(now.getTime(), Date.parse(job.at) || 0));
  const [claimed] = await claim(client, dueBy, 1, deliveryId);
  if (claimed) {
    const result = await attemptAndRecord(client, claimed, now, options.outbound);
    if (result.outcome === "failed") throw new DeliveryFailedError(result.error);
    return result;
  }
  const row = await client.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { status: true, nextAttemptAt: true, lastError: true, webhook: { select: { active: true } } },
  });
  if (!row) return { outcome: "skipped", reason: "the delivery no longer exists (its webhook was deleted)" };
  if (row.status === "DELIVERED") return { outcome: "skipped", reason: "already delivered" };
  // A retry of the job that gave up (or one queued before another sender gave up) stays failed.
  if (row.status === "FAILED") throw new DeliveryFailedError(row.lastError);
  if (!row.webhook.active) return { outcome: "skipped", reason: "the webhook is inactive" };
  await queueDeliveryAttempts(client, [{ id: deliveryId, nextAttemptAt: row.nextAttemptAt }]);
  return { outcome: "later", nextAttemptAt: row.nextAttemptAt.toISOString() };
}

export type DeliveryRunSummary = { claimed: number; delivered: number; retrying: number; failed: number };

/** `npm run cli -- webhooks deliver`: sends every due delivery now, beside any runner. */
export async function deliverDueWebhooks(options: Options & { limit?: number } = {}): Promise<DeliveryRunSummary> {
  const { now = new Date(), limit = 20 } = options;
  const client = dbOf(options);
  const claimed = await claim(client, now, limit);
  const outcomes = await Promise.all(
    claimed.map((delivery) => attemptAndRecord(client, delivery, now, options.outbound)),
  );
  const summary: DeliveryRunSummary = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0 };
  for (const { outcome } of outcomes) summary[outcome] += 1;
  return summary;
}

type Claimed = {
  id: string;
  event: WebhookEvent;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
};

/** Leases up to `limit` deliveries due at `dueBy` (of active webhooks), or only `deliveryId`. */
async function claim(client: DbClient, dueBy: Date, limit: number, deliveryId?: string): Promise<Claimed[]> {
  const leaseUntil = new Date(dueBy.getTime() + LEASE_MS);
  const only = deliveryId ?? null;
  return client.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d
       SET "nextAttemptAt" = (${leaseUntil}::timestamptz AT TIME ZONE 'UTC')
      FROM "Webhook" w
     WHERE w.id = d."webhookId"
       AND d.id IN (
         SELECT due.id
           FROM "WebhookDelivery" due
           JOIN "Webhook" hook ON hook.id = due."webhookId"
          WHERE due.status = 'PENDING'
            AND due."nextAttemptAt" <= (${dueBy}::timestamptz AT TIME ZONE 'UTC')
            AND hook.active
            AND (${only}::text IS NULL OR due.id = ${only}::text)
          ORDER BY due."nextAttemptAt", due.id
          LIMIT ${limit}
            FOR UPDATE OF due SKIP LOCKED)
    RETURNING d.id, d.event, d.payload, d.attempts, w.url, w.secret`;
}

type Recorded =
  | { outcome: "delivered"; status: number }
  | { outcome: "retrying"; nextAttemptAt: string; error: string }
  | { outcome: "failed"; error: string };

/** Sends one leased delivery; records the answer and, after a failure, queues the next attempt. */
async function attemptAndRecord(
  client: DbClient,
  delivery: Claimed,
  now: Date,
  outbound: OutboundOptions | undefined,
): Promise<Recorded> {
  const outcome = await attempt(delivery, outbound);
  const attempts = delivery.attempts + 1;
  // updateMany: a webhook deleted during the send took its deliveries with it.
  if (outcome.ok) {
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
    return { outcome: "delivered", status: outcome.status };
  }
  const failed = attempts >= MAX_ATTEMPTS;
  const error = outcome.error.slice(0, 500);
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
  await client.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id },
      data: {
        status: failed ? "FAILED" : "PENDING",
        attempts,
        lastAttemptAt: now,
        responseStatus: outcome.status,
        lastError: error,
        nextAttemptAt,
      },
    });
    if (count > 0 && !failed) await queueDeliveryAttempts(tx, [{ id: delivery.id, nextAttemptAt }]);
  });
  return failed
    ? { outcome: "failed", error }
    : { outcome: "retrying", nextAttemptAt: nextAttemptAt.toISOString(), error };
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function attempt(delivery: Claimed, outbound: OutboundOptions | undefined): Promise<Outcome> {
  let secret: string;
  try {
    secret = decryptSecret(delivery.secret);
  } catch {
    return {
      ok: false,
      status: null,
      error: "The webhook's secret cannot be decrypted (was AUTH_SECRET changed?); rotate the secret.",
    };
  }
  const body = JSON.stringify(delivery.payload);
  try {
    const { status } = await sendOutbound(
      delivery.url,
      {
        method: "POST",
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Preflight-Webhooks/1",
          "X-Preflight-Event": eventNames[delivery.event],
          "X-Preflight-Delivery": delivery.id,
          "X-Preflight-Signature": `sha256=${signBody(body, secret)}`,
        },
      },
      outbound,
    );
    if (status >= 200 && status < 300) return { ok: true, status };
    const redirect = status >= 300 && status < 400 ? " (redirects are not followed; register the final URL)" : "";
    return { ok: false, status, error: `The receiver answered HTTP ${status}${redirect}.` };
  } catch (error) {
    // Fixed words only (lib/security/outbound.ts): what a receiver or a port sent is never shown.
    return { ok: false, status: null, error: describeOutboundFailure(error, DELIVERY_TIMEOUT_MS) };
  }
}
