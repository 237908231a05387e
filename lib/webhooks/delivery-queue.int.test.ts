// Webhook delivery on the job queue, against a receiver this test starts on loopback: real
// runners (pg-boss, each with its own connection pool and Prisma client) and, for the crash,
// a real `npm run worker` process killed mid-send. Time never passes by waiting: a job "comes
// due" by moving its start time, and a dead runner's job expires by moving its start back.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { DELIVERY_EXPIRE_SECONDS, EXPIRY_CHECK_SECONDS, QUEUES } from "@/lib/jobs/queues";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { JOB_SCHEMA } from "@/lib/jobs/setup";
import { deliverDueWebhooks, deliveryJob, LEASE_MS, MAX_ATTEMPTS } from "@/lib/webhooks/deliver";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { updateWebhook } from "@/lib/webhooks/manage";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { createScratchDatabase, createTestUser, runSql } from "@/test/db";

process.env.AUTH_SECRET ??= "webhook-queue-test-secret-0123456789abcdef";

const silent = pino({ level: "silent" });
let url: string;
let client: PrismaClient;
let other: PrismaClient;
let receiver: TestReceiver;
let admin: { id: string; role: "ADMIN" };
const runners: JobRunner[] = [];

beforeAll(async () => {
  url = await createScratchDatabase();
  await migrate(url);
  client = createPrismaClient(url, { max: 4 });
  other = createPrismaClient(url, { max: 4 });
  admin = { id: (await createTestUser(client, "ADMIN")).id, role: "ADMIN" };
  receiver = await startTestReceiver();
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await receiver?.close();
  await client?.$disconnect();
  await other?.$disconnect();
});

async function startRunner(name: string, db: PrismaClient = client): Promise<JobRunner> {
  const runner = await startJobRunner({ connectionString: url, db, name, log: silent });
  runners.push(runner);
  return runner;
}

/** Polls every 100 ms (no fixed sleeps) until `check` returns something truthy. */
async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type JobRow = { id: string; state: string; start_after: Date; retry_count: number; output: unknown };

const jobsOf = (deliveryId: string) =>
  runSql<JobRow>(
    url,
    `SELECT id, state::text, start_after, retry_count, output FROM pgboss.job
      WHERE name = $1 AND data->>'deliveryId' = $2 ORDER BY created_on, start_after`,
    [QUEUES.webhookDelivery, deliveryId],
  );

/** The queue's clock moves on: the delivery's waiting attempt is due now. */
const comeDue = (deliveryId: string) =>
  runSql(
    url,
    `UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND data->>'deliveryId' = $2 AND state = 'created'`,
    [QUEUES.webhookDelivery, deliveryId],
  );

const reload = (id: string) => client.webhookDelivery.findUniqueOrThrow({ where: { id } });

/** A webhook on the receiver (fresh secret) and one event queued for it, in one transaction. */
async function queued(event: WebhookEvent = "DEPLOYMENT_REJECTED") {
  await client.webhook.updateMany({ data: { active: false } });
  const secret = generateWebhookSecret();
  const webhook = await client.webhook.create({
    data: { url: receiver.url, events: [event], secret: encryptSecret(secret), createdById: admin.id },
  });
  receiver.requests.length = 0;
  await client.$transaction((tx) =>
    enqueueWebhookEvent(tx, event, { deployment: { id: "dep-1", service: "api", version: "1.2.3" } }),
  );
  const delivery = await client.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
  return { webhook, secret, delivery };
}

describe("webhook delivery on the job queue", () => {
  // First, while no runner of this file is up: the killed process's job must be its own.
  it("retries a delivery whose runner died mid-send: the lease and the job's expiry both end within a minute", async () => {
    const { delivery } = await queued();
    receiver.answerWith("hang");
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    try {
      await waitFor(() => Promise.resolve(receiver.requests.length === 1), "the worker's request", 60_000);
    } finally {
      worker.kill("SIGKILL");
    }
    await new Promise((resolve) => worker.once("exit", resolve));
    const killedAt = Date.now();

    // What the dead runner left: the delivery leased, its job active, both running out soon.
    const leased = await reload(delivery.id);
    expect(leased).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(leased.nextAttemptAt.getTime()).toBeLessThanOrEqual(killedAt + LEASE_MS);
    const [job] = await runSql<{ state: string; expires: Date; started: Date }>(
      url,
      `SELECT state::text, started_on AS started, started_on + expire_in AS expires FROM pgboss.job WHERE name = $1 AND data->>'deliveryId' = $2`,
      [QUEUES.webhookDelivery, delivery.id],
    );
    expect(job!.state).toBe("active");
    expect(job!.expires.getTime() - job!.started.getTime()).toBe(DELIVERY_EXPIRE_SECONDS * 1000);
    // pg-boss looks for expired jobs this often, so the retry starts at most this long after the send.
    expect(DELIVERY_EXPIRE_SECONDS + EXPIRY_CHECK_SECONDS).toBeLessThanOrEqual(60);
    expect(LEASE_MS).toBeLessThanOrEqual(DELIVERY_EXPIRE_SECONDS * 1000);

    // Half a minute later (moved, not waited): the lease is over and pg-boss expires the job.
    await runSql(
      url,
      `UPDATE "WebhookDelivery" SET "nextAttemptAt" = "nextAttemptAt" - interval '31 seconds' WHERE id = $1`,
      [delivery.id],
    );
    await runSql(
      url,
      `UPDATE pgboss.job SET started_on = started_on - interval '31 seconds' WHERE name = $1 AND state = 'active'`,
      [QUEUES.webhookDelivery],
    );
    const connection = new pg.Client({ connectionString: url });
    await connection.connect();
    try {
      const boss = new PgBoss({
        db: { executeSql: (text, values) => connection.query(text, values) },
        schema: JOB_SCHEMA,
        supervise: false,
        schedule: false,
        migrate: false,
      });
      await boss.expire();
    } finally {
      await connection.end();
    }
    expect((await jobsOf(delivery.id)).map((row) => row.state)).toEqual(["retry"]);

    await startRunner("A");
    await waitFor(async () => (await reload(delivery.id)).status === "DELIVERED", "the retried delivery");
    expect(await reload(delivery.id)).toMatchObject({ attempts: 1, responseStatus: 200 });
    // Sent again, as at-least-once delivery allows: the same delivery id, for the receiver to deduplicate.
    expect(receiver.requests.map((request) => request.headers["x-preflight-delivery"])).toEqual([
      delivery.id,
      delivery.id,
    ]);
    await waitFor(async () => (await jobsOf(delivery.id))[0]?.state === "completed", "the job completed");
  });

  it("POSTs the stored JSON, signed with HMAC-SHA256 over the exact body, and completes the job", async () => {
    if (runners.length === 0) await startRunner("A");
    const { secret, delivery } = await queued("DEPLOYMENT_REJECTED");
    await waitFor(async () => (await reload(delivery.id)).status === "DELIVERED", "the delivery");

    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(request.headers["x-preflight-event"]).toBe("deployment.rejected");
    expect(request.headers["x-preflight-delivery"]).toBe(delivery.id);
    const expected = `sha256=${createHmac("sha256", secret).update(Buffer.from(request.body, "utf8")).digest("hex")}`;
    expect(request.headers["x-preflight-signature"]).toBe(expected);
    expect(JSON.parse(request.body)).toMatchObject({ id: delivery.id, event: "deployment.rejected" });
    expect(await reload(delivery.id)).toMatchObject({ attempts: 1, responseStatus: 200, lastError: null });
    const jobs = await waitFor(async () => {
      const rows = await jobsOf(delivery.id);
      return rows[0]?.state === "completed" && rows;
    }, "the job completed");
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.id).toBe(deliveryJob(delivery.id, delivery.nextAttemptAt).id);
    expect(jobs[0]!.output).toEqual({ outcome: "delivered", status: 200 });
  });

  it("after a 500 the job queues the next attempt 30 s later, and that attempt gets the 200", async () => {
    const { delivery } = await queued();
    receiver.answerWith(500);
    const failed = await waitFor(async () => {
      const row = await reload(delivery.id);
      return row.attempts === 1 && row;
    }, "the first attempt");
    expect(failed).toMatchObject({
      status: "PENDING",
      responseStatus: 500,
      lastError: "The receiver answered HTTP 500.",
    });
    expect(failed.nextAttemptAt.getTime() - failed.lastAttemptAt!.getTime()).toBe(30_000);
    const jobs = await waitFor(async () => {
      const rows = await jobsOf(delivery.id);
      return rows.length === 2 && rows[0]!.state === "completed" && rows;
    }, "the next attempt's job");
    expect(jobs[0]!.output).toMatchObject({ outcome: "retrying", error: "The receiver answered HTTP 500." });
    expect(jobs[1]).toMatchObject({ state: "created", id: deliveryJob(delivery.id, failed.nextAttemptAt).id });
    expect(jobs[1]!.start_after.getTime()).toBe(failed.nextAttemptAt.getTime());
    expect(receiver.requests).toHaveLength(1);

    await comeDue(delivery.id);
    await waitFor(async () => (await reload(delivery.id)).status === "DELIVERED", "the second attempt");
    expect(await reload(delivery.id)).toMatchObject({ attempts: 2, responseStatus: 200, lastError: null });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
  });

  it(`fails the delivery and its job after ${MAX_ATTEMPTS} failed attempts, 30 s × 2ⁿ apart`, async () => {
    const { delivery } = await queued();
    receiver.answerWith(...Array.from({ length: MAX_ATTEMPTS }, () => 503));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const row = await waitFor(async () => {
        const current = await reload(delivery.id);
        return current.attempts === attempt && current;
      }, `attempt ${attempt}`);
      if (attempt === MAX_ATTEMPTS) break;
      waits.push((row.nextAttemptAt.getTime() - row.lastAttemptAt!.getTime()) / 1000);
      await waitFor(async () => (await jobsOf(delivery.id)).some((job) => job.state === "created"), "the next job");
      await comeDue(delivery.id);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(await reload(delivery.id)).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, responseStatus: 503 });
    // The last job fails (pg-boss's own retries of it send nothing more) with the receiver's answer.
    const jobs = await waitFor(async () => {
      const rows = await jobsOf(delivery.id);
      return rows.at(-1)?.state === "failed" && rows;
    }, "the last job failed");
    expect(jobs).toHaveLength(MAX_ATTEMPTS);
    expect(jobs.slice(0, -1).every((job) => job.state === "completed")).toBe(true);
    expect(jobs.at(-1)!.output).toMatchObject({
      message: `Gave up after ${MAX_ATTEMPTS} attempts: The receiver answered HTTP 503.`,
    });
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);
  });

  it("never sends one delivery twice when two runners and a hand drain work the queue at once", async () => {
    await startRunner("B", other);
    await client.webhook.updateMany({ data: { active: false } });
    const secret = encryptSecret(generateWebhookSecret());
    const hooks = await Promise.all(
      [1, 2, 3].map(() =>
        client.webhook.create({
          data: { url: receiver.url, events: ["DEPLOYMENT_SIGNED_OFF"], secret, createdById: admin.id },
        }),
      ),
    );
    receiver.requests.length = 0;
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        client.$transaction((tx) => enqueueWebhookEvent(tx, "DEPLOYMENT_SIGNED_OFF", { n })),
      ),
    );
    await Promise.all([deliverDueWebhooks({ db: client, limit: 5 }), deliverDueWebhooks({ db: other, limit: 5 })]);
    const ours = { webhookId: { in: hooks.map((hook) => hook.id) } };
    await waitFor(
      async () => (await client.webhookDelivery.count({ where: { ...ours, status: "DELIVERED" } })) === 24,
      "24 deliveries",
    );
    const ids = receiver.requests.map((request) => request.headers["x-preflight-delivery"]);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    expect(await client.webhookDelivery.count({ where: { ...ours, attempts: 1 } })).toBe(24);
  });

  it("sends nothing to an inactive webhook; switching it on again queues its due deliveries", async () => {
    await client.webhook.updateMany({ data: { active: false } });
    const webhook = await client.webhook.create({
      data: {
        url: receiver.url,
        events: ["DEPLOYMENT_CANCELLED"],
        secret: encryptSecret(generateWebhookSecret()),
        createdById: admin.id,
      },
    });
    receiver.requests.length = 0;
    // Switched off in the same transaction, so its job can only find it off.
    await client.$transaction(async (tx) => {
      await enqueueWebhookEvent(tx, "DEPLOYMENT_CANCELLED", { n: 1 });
      await tx.webhook.update({ where: { id: webhook.id }, data: { active: false } });
    });
    const delivery = await client.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
    // The job found the webhook off and did nothing (its output says why).
    await waitFor(async () => {
      const [job] = await jobsOf(delivery.id);
      return job?.state === "completed" && job;
    }, "the skipped job");
    expect((await reload(delivery.id)).status).toBe("PENDING");
    expect(receiver.requests).toHaveLength(0);

    await updateWebhook(
      admin,
      { webhookId: webhook.id, events: ["DEPLOYMENT_CANCELLED"], active: true },
      { db: client },
    );
    await waitFor(async () => (await reload(delivery.id)).status === "DELIVERED", "the delivery after reactivation");
    expect(receiver.requests).toHaveLength(1);
  });
});
