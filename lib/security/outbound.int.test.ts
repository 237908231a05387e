// M2: webhooks do not reach internal addresses, at registration and at connect time (a host
// whose DNS answer turns to loopback after registration), unless ALLOW_PRIVATE_OUTBOUND=true.
// Runs on its own scratch database, so every due delivery there is this file's own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { ResolvedAddress } from "@/lib/security/outbound";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { createWebhook } from "@/lib/webhooks/manage";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { createScratchDatabase, createTestUser } from "@/test/db";

process.env.AUTH_SECRET ??= "outbound-test-secret-0123456789abcdef0123";

let client: PrismaClient;
let receiver: TestReceiver;
let admin: Awaited<ReturnType<typeof createTestUser>>;
const refuse = { allowPrivate: false };
const hint = "set ALLOW_PRIVATE_OUTBOUND=true for receivers on your own network.";

beforeAll(async () => {
  const url = await createScratchDatabase();
  await migrate(url);
  client = createPrismaClient(url, { max: 4 });
  admin = await createTestUser(client, "ADMIN");
  receiver = await startTestReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await client?.$disconnect();
});

/** Registers `url` (the check passes `resolve`'s answer) and queues one event for it alone. */
async function registerAndQueue(url: string, resolve?: () => Promise<ResolvedAddress[]>) {
  await client.webhook.updateMany({ data: { active: false } });
  const { webhook } = await createWebhook(
    admin,
    { url, events: ["DEPLOYMENT_REJECTED"] },
    { db: client, outbound: resolve ? { allowPrivate: false, resolve } : { allowPrivate: true } },
  );
  await client.$transaction((tx) => enqueueWebhookEvent(tx, "DEPLOYMENT_REJECTED", { n: 1 }));
  return client.webhookDelivery.findFirstOrThrow({ where: { webhookId: webhook.id } });
}

describe("M2: outbound requests stay outside", () => {
  it.each([
    ["http://127.0.0.1:5432/", "127.0.0.1 is a loopback"],
    ["http://0.0.0.0:5432/", "0.0.0.0 is an unspecified"],
    ["http://2130706433:5432/", "127.0.0.1 is a loopback"],
    ["http://127.1:5432/", "127.0.0.1 is a loopback"],
    ["http://0x7f.1:5432/", "127.0.0.1 is a loopback"],
    ["http://[::ffff:127.0.0.1]:5432/", "::ffff:7f00:1 is a loopback"],
    ["http://[::1]:5432/", "::1 is a loopback"],
    ["http://10.0.0.1/", "10.0.0.1 is a private"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local"],
    ["http://[fd00::1]/", "fd00::1 is a unique-local"],
    ["http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT (100.64.0.0/10)"],
    ["http://224.0.0.1/", "224.0.0.1 is a multicast"],
    ["http://localhost:5432/", "localhost resolves to"],
  ])("M2: registration refuses %s with a 400 naming it", async (url, problem) => {
    const before = await client.webhook.count();
    const refused = createWebhook(admin, { url, events: ["DEPLOYMENT_REJECTED"] }, { db: client, outbound: refuse });
    await expect(refused).rejects.toMatchObject({
      code: "BAD_REQUEST",
      status: 400,
      message: expect.stringContaining(`refused: ${problem}`),
      fieldErrors: { url: expect.stringContaining(hint) },
    });
    expect(await client.webhook.count()).toBe(before);
  });

  it("M2: a host that resolved to a public address at registration and to loopback at delivery is refused at connect time", async () => {
    const port = new URL(receiver.url).port;
    let answer: ResolvedAddress[] = [{ address: "93.184.215.14", family: 4 }];
    const resolve = () => Promise.resolve(answer);
    const delivery = await registerAndQueue(`http://rebind.example.test:${port}/hooks/preflight`, resolve);
    answer = [{ address: "127.0.0.1", family: 4 }];
    receiver.requests.length = 0;
    await deliverDueWebhooks({ db: client, outbound: { allowPrivate: false, resolve } });
    expect(receiver.requests).toHaveLength(0);
    expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      responseStatus: null,
      lastError: "refused: private address",
    });
  });

  it("M2: delivery to localhost (the system resolver says loopback) and to a literal loopback URL is refused", async () => {
    const port = new URL(receiver.url).port;
    for (const url of [`http://localhost:${port}/hooks/preflight`, receiver.url]) {
      const delivery = await registerAndQueue(url);
      receiver.requests.length = 0;
      await deliverDueWebhooks({ db: client, outbound: refuse });
      expect(receiver.requests).toHaveLength(0);
      expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
        attempts: 1,
        lastError: "refused: private address",
      });
    }
  });

  it("M2: with ALLOW_PRIVATE_OUTBOUND=true the loopback receiver gets the delivery", async () => {
    const delivery = await registerAndQueue(receiver.url);
    receiver.requests.length = 0;
    await deliverDueWebhooks({ db: client, outbound: { allowPrivate: true } });
    expect(receiver.requests.map((r) => r.headers["x-preflight-delivery"])).toEqual([delivery.id]);
    expect(await client.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "DELIVERED",
      responseStatus: 200,
      lastError: null,
    });
  });
});
