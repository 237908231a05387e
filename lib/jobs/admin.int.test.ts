// The jobs page's reads and its retry, on a scratch database with a real runner: a webhook
// delivery that gave up is listed with its error, and an admin's retry sends it again.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { readJobsOverview, retryJob } from "@/lib/jobs/admin";
import { QUEUES } from "@/lib/jobs/queues";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { MAX_ATTEMPTS } from "@/lib/webhooks/deliver";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { createScratchDatabase, createTestUser } from "@/test/db";

process.env.AUTH_SECRET ??= "jobs-admin-test-secret-0123456789abcdef";

let url: string;
let client: PrismaClient;
let runner: JobRunner;
let receiver: TestReceiver;

beforeAll(async () => {
  url = await createScratchDatabase();
  await migrate(url);
  client = createPrismaClient(url, { max: 4 });
  receiver = await startTestReceiver();
  runner = await startJobRunner({
    connectionString: url,
    db: client,
    name: "admin-test",
    log: pino({ level: "silent" }),
    pollingIntervalSeconds: 0.5,
  });
});

afterAll(async () => {
  await runner?.stop();
  await receiver?.close();
  await client?.$disconnect();
});

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { status: error.status, message: error.message } : error),
  );

describe("the jobs page", () => {
  it("lists a delivery that gave up with its error; an admin's retry sends it again, audited", async () => {
    const admin = await createTestUser(client, "ADMIN");
    const manager = await createTestUser(client, "MANAGER");
    const webhook = await client.webhook.create({
      data: {
        url: receiver.url,
        events: ["DEPLOYMENT_CANCELLED"],
        secret: encryptSecret(generateWebhookSecret()),
        createdById: admin.id,
      },
    });
    // Seven failures already behind it (their hours of backoff are not waited out here).
    receiver.answerWith(503);
    await client.$transaction(async (tx) => {
      await enqueueWebhookEvent(tx, "DEPLOYMENT_CANCELLED", { n: 1 });
      await tx.webhookDelivery.updateMany({ where: { webhookId: webhook.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    });
    const delivery = await client.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
    const overview = await waitFor(async () => {
      const read = await readJobsOverview(admin, { db: client });
      return read.failures.length > 0 && read;
    }, "the failed job");

    expect(overview.failures).toHaveLength(1);
    const [failed] = overview.failures;
    expect(failed).toMatchObject({
      queue: QUEUES.webhookDelivery,
      label: "Webhook delivery",
      error: `Gave up after ${MAX_ATTEMPTS} attempts: The receiver answered HTTP 503.`,
      subject: { text: `deployment.cancelled to ${receiver.url}`, href: `/admin/webhooks/${webhook.id}` },
    });
    // pg-boss's own retries of it sent nothing more.
    expect(receiver.requests).toHaveLength(1);
    expect(overview.queues.map((queue) => queue.name)).toEqual(Object.values(QUEUES));
    expect(overview.queues.find((queue) => queue.name === QUEUES.webhookDelivery)).toMatchObject({
      schedule: null,
      counts: { failed: 1 },
      lastRun: { state: "failed" },
    });
    expect(overview.queues.find((queue) => queue.name === QUEUES.maintenanceTick)?.schedule).toEqual({
      cron: "*/5 * * * *",
      words: "every 5 minutes",
    });
    expect(overview.runner).toBeNull();

    expect(await refusal(readJobsOverview(manager, { db: client }))).toMatchObject({ status: 403 });
    expect(await refusal(retryJob(manager, { queue: failed!.queue, jobId: failed!.id }, { db: client }))).toMatchObject(
      {
        status: 403,
      },
    );
    expect(await refusal(retryJob(admin, { queue: "nope", jobId: failed!.id } as never, { db: client }))).toMatchObject(
      {
        status: 400,
      },
    );

    await retryJob(admin, { queue: failed!.queue, jobId: failed!.id }, { db: client });
    await waitFor(
      async () =>
        (await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status === "DELIVERED",
      "the retried delivery",
    );
    // A fresh round of attempts, as "Redeliver" gives a failed delivery.
    expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      attempts: 1,
      responseStatus: 200,
    });
    expect(receiver.requests.map((request) => request.headers["x-preflight-delivery"])).toEqual([
      delivery.id,
      delivery.id,
    ]);
    const audit = await client.auditEvent.findFirstOrThrow({ where: { action: "job.retry", entityId: failed!.id } });
    expect(audit).toMatchObject({
      actorId: admin.id,
      entityType: "Job",
      before: {
        queue: QUEUES.webhookDelivery,
        state: "failed",
        error: failed!.error,
        delivery: { status: "FAILED", attempts: MAX_ATTEMPTS },
      },
      after: { queue: QUEUES.webhookDelivery, state: "retry" },
    });
    await waitFor(async () => (await readJobsOverview(admin, { db: client })).failures.length === 0, "no failures");
    expect(await refusal(retryJob(admin, { queue: failed!.queue, jobId: failed!.id }, { db: client }))).toMatchObject({
      status: 409,
    });
  });
});
