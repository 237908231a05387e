// Registering, changing, rotating, deleting and redelivering: admin only, validated, audited,
// and the secret readable exactly once.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import {
  createWebhook,
  deleteWebhook,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
} from "@/lib/webhooks/manage";
import { decryptSecret } from "@/lib/webhooks/secret";
import { signInAs } from "@/test/session-double";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

process.env.AUTH_SECRET ??= "webhook-manage-test-secret-0123456789abcdef";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const prisma = useTestPrisma();
let admin: CurrentUser;
const url = () => `https://hooks.example.test/${uniqueKey()}`;
const auditOf = (entityId: string) => prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  admin = { ...(await createTestUser(prisma, "ADMIN")), email: "admin@example.test" };
});

describe("webhook administration", () => {
  it("registers a webhook with a generated secret that is stored encrypted and returned once", async () => {
    const target = url();
    const { webhook, secret } = await createWebhook(admin, {
      url: target,
      description: "Chat",
      events: ["DEPLOYMENT_SIGNED_OFF", "DEPLOYMENT_SIGNED_OFF", "MAINTENANCE_OVERDUE"],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toEqual({
      id: webhook.id,
      url: target,
      description: "Chat",
      events: ["DEPLOYMENT_SIGNED_OFF", "MAINTENANCE_OVERDUE"],
      active: true,
    });
    expect(webhook).not.toHaveProperty("secret");
    const stored = await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(stored.secret).not.toContain(secret);
    expect(stored.secret).not.toContain(secret.slice(6));
    expect(decryptSecret(stored.secret)).toBe(secret);
    const [audit] = await auditOf(webhook.id);
    expect(audit).toMatchObject({ action: "webhook.create", actorId: admin.id });
    expect(JSON.stringify([audit!.before, audit!.after])).not.toContain(secret.slice(6));
    expect(audit!.after, "the audit log keeps the URL's origin only: its path may hold a credential").toMatchObject({
      url: new URL(target).origin,
    });
  });

  it.each([
    ["url", { url: "ftp://hooks.example.test/x" }, "The URL must start with https:// or http://."],
    [
      "url",
      { url: "https://user:pass@hooks.example.test/x" },
      "The URL cannot contain a user name or password; the signature header authenticates each delivery.",
    ],
    ["url", { url: "not a url" }, "Enter a full URL, such as https://hooks.example.com/preflight."],
    ["url", { url: `https://hooks.example.test/${"a".repeat(2_000)}` }, "The URL is limited to 2,000 characters."],
    ["events", { events: [] }, "Choose at least one event."],
    ["events.0", { events: ["DEPLOYMENT_EXPLODED"] }, "is not an event Preflight sends"],
  ])("refuses a bad %s with a 400 naming it, and writes nothing", async (field, change, message) => {
    const before = await prisma.webhook.count();
    const input = { url: url(), events: ["DEPLOYMENT_REJECTED"], ...change };
    await expect(createWebhook(admin, input as never)).rejects.toMatchObject({
      status: 400,
      message: `${field}: ${message}`,
      fieldErrors: { [field]: message },
    });
    signInAs(admin);
    const { createWebhookAction } = await import("@/app/(app)/admin/webhooks/actions");
    expect(await createWebhookAction(input as never)).toEqual({
      ok: false,
      status: 400,
      error: `${field}: ${message}`,
      fieldErrors: { [field]: message },
    });
    expect(await prisma.webhook.count()).toBe(before);
  });

  it("is for admins only", async () => {
    const manager = await createTestUser(prisma, "MANAGER");
    await expect(createWebhook(manager, { url: url(), events: ["DEPLOYMENT_REJECTED"] })).rejects.toMatchObject({
      status: 403,
    });
    await expect(createWebhook(null, { url: url(), events: ["DEPLOYMENT_REJECTED"] })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("changes events and active flag, rotates the secret, and deletes with the deliveries", async () => {
    const { webhook, secret } = await createWebhook(admin, { url: url(), events: ["DEPLOYMENT_REJECTED"] });
    const updated = await updateWebhook(admin, {
      webhookId: webhook.id,
      events: ["SIGNOFF_INVALIDATED"],
      active: false,
      description: "Paused",
    });
    expect(updated).toMatchObject({ events: ["SIGNOFF_INVALIDATED"], active: false, description: "Paused" });
    await expect(updateWebhook(admin, { webhookId: webhook.id, events: [], active: true })).rejects.toMatchObject({
      status: 400,
      fieldErrors: { events: "Choose at least one event." },
    });

    const rotated = await rotateWebhookSecret(admin, { webhookId: webhook.id });
    expect(rotated.secret).not.toBe(secret);
    expect(decryptSecret((await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).secret)).toBe(
      rotated.secret,
    );

    await prisma.webhookDelivery.create({ data: { webhookId: webhook.id, event: "SIGNOFF_INVALIDATED", payload: {} } });
    await deleteWebhook(admin, { webhookId: webhook.id });
    expect(await prisma.webhook.count({ where: { id: webhook.id } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(0);
    expect((await auditOf(webhook.id)).map((event) => event.action)).toEqual([
      "webhook.create",
      "webhook.update",
      "webhook.rotate-secret",
      "webhook.delete",
    ]);
    await expect(deleteWebhook(admin, { webhookId: webhook.id })).rejects.toMatchObject({ status: 404 });
  });

  it("redelivers a failed or pending delivery now, never a delivered one", async () => {
    const { webhook } = await createWebhook(admin, { url: url(), events: ["DEPLOYMENT_REJECTED"] });
    await updateWebhook(admin, { webhookId: webhook.id, events: ["DEPLOYMENT_REJECTED"], active: false });
    const later = new Date(Date.now() + 3_600_000);
    const failed = await prisma.webhookDelivery.create({
      data: {
        webhookId: webhook.id,
        event: "DEPLOYMENT_REJECTED",
        payload: {},
        status: "FAILED",
        attempts: 8,
        nextAttemptAt: later,
      },
    });
    const before = Date.now();
    await redeliverWebhookDelivery(admin, { deliveryId: failed.id });
    const queued = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } });
    expect(queued).toMatchObject({ status: "PENDING", attempts: 0 });
    expect(queued.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(queued.nextAttemptAt.getTime()).toBeLessThan(later.getTime());

    const delivered = await prisma.webhookDelivery.create({
      data: { webhookId: webhook.id, event: "DEPLOYMENT_REJECTED", payload: {}, status: "DELIVERED", attempts: 1 },
    });
    await expect(redeliverWebhookDelivery(admin, { deliveryId: delivered.id })).rejects.toMatchObject({ status: 409 });
    await expect(redeliverWebhookDelivery(admin, { deliveryId: "does-not-exist" })).rejects.toMatchObject({
      status: 404,
    });
  });
});
