// Delivery from the WebhookDelivery table to a receiver this test starts on loopback. Runs
// on its own scratch database, so every due delivery there is this file's own.
import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { deliverDueWebhooks, MAX_ATTEMPTS, retryDelayMs } from "@/lib/webhooks/deliver";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { createScratchDatabase, createTestUser } from "@/test/db";

process.env.AUTH_SECRET ??= "webhook-delivery-test-secret-0123456789abcdef";

let client: PrismaClient;
let other: PrismaClient;
let receiver: TestReceiver;
let adminId: string;
let databaseUrl: string;

beforeAll(async () => {
  const url = (databaseUrl = await createScratchDatabase());
  await migrate(url);
  client = createPrismaClient(url, { max: 4 });
  other = createPrismaClient(url, { max: 4 });
  adminId = (await createTestUser(client, "ADMIN")).id;
  receiver = await startTestReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await client?.$disconnect();
  await other?.$disconnect();
});

/** A webhook on the receiver (fresh secret) and one queued event for it. */
async function queued(event: WebhookEvent = "DEPLOYMENT_REJECTED", url = receiver.url) {
  await client.webhook.updateMany({ data: { active: false } });
  const secret = generateWebhookSecret();
  const webhook = await client.webhook.create({
    data: { url, events: [event], secret: encryptSecret(secret), createdById: adminId },
  });
  const now = new Date();
  await client.$transaction((tx) =>
    enqueueWebhookEvent(
      tx,
      event,
      {
        deployment: {
          id: "dep-1",
          service: "api",
          environment: "prod",
          version: "1.2.3",
          status: "IN_PROGRESS",
          url: "http://x/deployments/dep-1",
        },
      },
      now,
    ),
  );
  const delivery = await client.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
  receiver.requests.length = 0;
  return { webhook, secret, delivery, now };
}

const reload = (id: string) => client.webhookDelivery.findUniqueOrThrow({ where: { id } });

describe("webhook delivery", () => {
  it("POSTs the stored JSON with event, delivery id and an HMAC-SHA256 signature of the exact body", async () => {
    const { secret, delivery } = await queued("DEPLOYMENT_REJECTED");
    expect(await deliverDueWebhooks({ db: client })).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });

    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-preflight-event"]).toBe("deployment.rejected");
    expect(request.headers["x-preflight-delivery"]).toBe(delivery.id);
    const expected = `sha256=${createHmac("sha256", secret).update(Buffer.from(request.body, "utf8")).digest("hex")}`;
    expect(request.headers["x-preflight-signature"]).toBe(expected);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      id: delivery.id,
      event: "deployment.rejected",
      data: { deployment: { id: "dep-1", service: "api", version: "1.2.3" } },
    });
    expect(new Date(body.occurredAt).toISOString()).toBe(body.occurredAt);
    expect(request.body).not.toContain(secret);

    expect(await reload(delivery.id)).toMatchObject({
      status: "DELIVERED",
      attempts: 1,
      responseStatus: 200,
      lastError: null,
    });
    expect(await deliverDueWebhooks({ db: client })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);
  });

  it("retries a failure after the backoff, not before, and records what went wrong", async () => {
    const { delivery } = await queued();
    receiver.answerWith(500);
    const first = new Date();
    expect(await deliverDueWebhooks({ db: client, now: first })).toMatchObject({ claimed: 1, retrying: 1 });
    const failed = await reload(delivery.id);
    expect(failed).toMatchObject({
      status: "PENDING",
      attempts: 1,
      responseStatus: 500,
      lastError: "The receiver answered HTTP 500.",
    });
    expect(failed.nextAttemptAt.getTime()).toBe(first.getTime() + retryDelayMs(1));
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    expect(
      await deliverDueWebhooks({ db: client, now: new Date(failed.nextAttemptAt.getTime() - 1_000) }),
    ).toMatchObject({
      claimed: 0,
    });
    expect(receiver.requests).toHaveLength(1);

    expect(await deliverDueWebhooks({ db: client, now: failed.nextAttemptAt })).toMatchObject({
      claimed: 1,
      delivered: 1,
    });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
    expect(await reload(delivery.id)).toMatchObject({
      status: "DELIVERED",
      attempts: 2,
      responseStatus: 200,
      lastError: null,
    });
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts, backing off 30 s, 1 min, 2 min … up to an hour`, async () => {
    const { delivery } = await queued();
    receiver.answerWith(...Array.from({ length: MAX_ATTEMPTS }, () => 503));
    let now = new Date();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await deliverDueWebhooks({ db: client, now })).toMatchObject({ claimed: 1 });
      const row = await reload(delivery.id);
      expect(row.attempts).toBe(attempt);
      waits.push(row.nextAttemptAt.getTime() - now.getTime());
      now = row.nextAttemptAt;
    }
    expect(waits.slice(0, -1).map((ms) => ms / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(retryDelayMs(20)).toBe(3_600_000);
    expect(await reload(delivery.id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, responseStatus: 503 });
    expect(await deliverDueWebhooks({ db: client, now: new Date(now.getTime() + 86_400_000) })).toMatchObject({
      claimed: 0,
    });
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("follows no redirect and names an unreachable receiver", async () => {
    const { delivery } = await queued();
    receiver.answerWith(302);
    await deliverDueWebhooks({ db: client });
    expect(await reload(delivery.id)).toMatchObject({
      status: "PENDING",
      responseStatus: 302,
      lastError: expect.stringContaining("redirects are not followed"),
    });
    expect(receiver.requests).toHaveLength(1);

    const closed = await startTestReceiver();
    await closed.close();
    const unreachable = await queued("DEPLOYMENT_REJECTED", closed.url);
    await deliverDueWebhooks({ db: client });
    expect(await reload(unreachable.delivery.id)).toMatchObject({
      status: "PENDING",
      attempts: 1,
      responseStatus: null,
      lastError: expect.stringMatching(/^Could not reach the receiver: .*ECONNREFUSED/),
    });
  });

  it("sends each delivery once when two instances run at the same moment", async () => {
    await client.webhook.updateMany({ data: { active: false } });
    const secret = encryptSecret(generateWebhookSecret());
    const hooks = await Promise.all(
      [1, 2, 3].map(() =>
        client.webhook.create({
          data: { url: receiver.url, events: ["DEPLOYMENT_SIGNED_OFF"], secret, createdById: adminId },
        }),
      ),
    );
    for (let i = 0; i < 8; i += 1)
      await client.$transaction((tx) => enqueueWebhookEvent(tx, "DEPLOYMENT_SIGNED_OFF", { n: i }));
    receiver.requests.length = 0;
    const runs = await Promise.all([
      deliverDueWebhooks({ db: client, limit: 5 }),
      deliverDueWebhooks({ db: other, limit: 5 }),
      deliverDueWebhooks({ db: client, limit: 5 }),
      deliverDueWebhooks({ db: other, limit: 5 }),
      deliverDueWebhooks({ db: client, limit: 5 }),
      deliverDueWebhooks({ db: other, limit: 5 }),
    ]);
    expect(runs.reduce((sum, run) => sum + run.claimed, 0)).toBe(24);
    const ids = receiver.requests.map((request) => request.headers["x-preflight-delivery"]);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    expect(
      await client.webhookDelivery.count({
        where: { webhookId: { in: hooks.map((h) => h.id) }, status: "DELIVERED", attempts: 1 },
      }),
    ).toBe(24);
  });

  it("leaves the deliveries of an inactive webhook pending until it is active again", async () => {
    const { webhook, delivery } = await queued();
    await client.webhook.update({ where: { id: webhook.id }, data: { active: false } });
    expect(await deliverDueWebhooks({ db: client })).toMatchObject({ claimed: 0 });
    expect((await reload(delivery.id)).status).toBe("PENDING");
    await client.webhook.update({ where: { id: webhook.id }, data: { active: true } });
    expect(await deliverDueWebhooks({ db: client })).toMatchObject({ delivered: 1 });
  });

  it("runs from the command line for cron: npm run cli -- webhooks deliver --json", async () => {
    const { delivery } = await queued("SIGNOFF_INVALIDATED");
    const { status, stdout } = await new Promise<{ status: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "webhooks", "deliver", "--json"],
        { encoding: "utf8", timeout: 60_000, env: { ...process.env, DATABASE_URL: databaseUrl } },
        (error, out) => resolve({ status: error ? 1 : 0, stdout: out }),
      );
    });
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.requests.map((r) => r.headers["x-preflight-delivery"])).toEqual([delivery.id]);
    expect((await reload(delivery.id)).status).toBe("DELIVERED");
  });
});
