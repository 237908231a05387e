// The outbox: sign-off, rejection and invalidation queue one delivery per active,
// subscribed webhook in the transaction of the change itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import type { WebhookEvent } from "@/lib/generated/prisma/enums";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, runSql, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";
import { utcDay } from "@/lib/format";

process.env.AUTH_SECRET ??= "webhook-enqueue-test-secret-0123456789abcdef";

const prisma = useTestPrisma();
const hooks = {} as Record<"all" | "signedOffOnly" | "unsubscribed" | "inactive", string>;

beforeAll(async () => {
  const admin = await createTestUser(prisma, "ADMIN");
  const create = async (events: WebhookEvent[], active = true) =>
    (
      await prisma.webhook.create({
        data: {
          url: `http://127.0.0.1:9/${uniqueKey()}`,
          events,
          active,
          secret: encryptSecret(generateWebhookSecret()),
          createdById: admin.id,
        },
      })
    ).id;
  hooks.all = await create(["DEPLOYMENT_SIGNED_OFF", "SIGNOFF_INVALIDATED", "DEPLOYMENT_REJECTED"]);
  hooks.signedOffOnly = await create(["DEPLOYMENT_SIGNED_OFF"]);
  hooks.unsubscribed = await create(["MAINTENANCE_OVERDUE"]);
  hooks.inactive = await create(["DEPLOYMENT_SIGNED_OFF", "SIGNOFF_INVALIDATED", "DEPLOYMENT_REJECTED"], false);
});

// Other test files share this database: only this file's webhooks and deployments count.
async function deliveriesFor(deploymentId: string) {
  const rows = await prisma.webhookDelivery.findMany({
    where: {
      webhookId: { in: Object.values(hooks) },
      payload: { path: ["data", "deployment", "id"], equals: deploymentId },
    },
    orderBy: { createdAt: "asc" },
  });
  const name = Object.fromEntries(Object.entries(hooks).map(([key, id]) => [id, key]));
  return rows.map((row) => ({ ...row, hook: name[row.webhookId]! }));
}

async function inReview() {
  const owner = await createTestUser(prisma, "ENGINEER");
  const reviewer = await createTestUser(prisma, "REVIEWER");
  const template = await importSmallTemplate(prisma);
  const { id: deploymentId } = await createDeployment(owner, {
    service: uniqueKey("svc"),
    environment: "prod",
    version: "2.0.0",
    templateVersionId: template.versionId,
  });
  const leaves = async () => leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items));
  for (const leaf of (await leaves()).filter((l) =>
    ["Database password", "API keys", "Backups verified"].includes(l.text),
  )) {
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "DONE" });
  }
  await submitForReview(owner, { deploymentId });
  const digest = async () => (await getChecklist(deploymentId))!.digest;
  return { owner, reviewer, deploymentId, leaves, digest };
}

describe("webhook events", () => {
  it("an approval that signs off queues one delivery per active subscribed webhook, with the deployment's facts", async () => {
    const { reviewer, deploymentId, digest } = await inReview();
    await approveDeployment(reviewer, {
      deploymentId,
      comment: "Ship it",
      digest: await digest(),
      nextReviewAt: utcDay(45),
    });
    const deliveries = await deliveriesFor(deploymentId);
    expect(deliveries.map((d) => d.hook).sort()).toEqual(["all", "signedOffOnly"]);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ event: "DEPLOYMENT_SIGNED_OFF", status: "PENDING", attempts: 0 });
      expect(delivery.payload).toMatchObject({
        id: delivery.id,
        event: "deployment.signed_off",
        data: {
          deployment: {
            id: deploymentId,
            environment: "prod",
            version: "2.0.0",
            status: "SIGNED_OFF",
            url: expect.stringMatching(new RegExp(`/deployments/${deploymentId}$`)),
          },
          signOff: {
            reviewerId: reviewer.id,
            comment: "Ship it",
            approvals: 1,
            required: 1,
            nextReviewAt: `${utcDay(45)}T00:00:00.000Z`,
          },
        },
      });
    }
  });

  it("an approval that does not yet sign off queues nothing", async () => {
    const { reviewer, deploymentId, digest } = await inReview();
    const template = await prisma.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      select: { templateVersion: { select: { templateId: true } } },
    });
    await prisma.templateVersion.updateMany({
      where: { templateId: template.templateVersion.templateId },
      data: { requiredApprovals: 2 },
    });
    expect(await approveDeployment(reviewer, { deploymentId, comment: "", digest: await digest() })).toMatchObject({
      signedOff: false,
    });
    expect(await deliveriesFor(deploymentId)).toEqual([]);
  });

  it("queues nothing when the approval's transaction rolls back after queueing", async () => {
    const { reviewer, deploymentId, digest } = await inReview();
    // The audit insert comes after the deliveries are queued: failing it fails the approval.
    const fn = `fail_audit_${uniqueKey().replace(/-/g, "_")}`;
    await runSql(
      testDatabaseUrl(),
      `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.after->>'deploymentId' = '${deploymentId}' THEN RAISE EXCEPTION 'audit refused by test'; END IF; RETURN NEW; END $$`,
    );
    await runSql(
      testDatabaseUrl(),
      `CREATE TRIGGER ${fn} BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
    );
    try {
      await expect(
        approveDeployment(reviewer, { deploymentId, comment: "", digest: await digest() }),
      ).rejects.toThrow();
    } finally {
      await runSql(testDatabaseUrl(), `DROP TRIGGER ${fn} ON "AuditEvent"; DROP FUNCTION ${fn}()`);
    }
    expect((await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status).toBe(
      "READY_FOR_REVIEW",
    );
    expect(await deliveriesFor(deploymentId)).toEqual([]);

    // A refused approval (the checklist changed under the reviewer) queues nothing either.
    await expect(
      approveDeployment(reviewer, { deploymentId, comment: "", digest: "0".repeat(64) }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await deliveriesFor(deploymentId)).toEqual([]);
  });

  it("a rejection queues deployment.rejected for the webhooks subscribed to it", async () => {
    const { reviewer, deploymentId } = await inReview();
    await rejectDeployment(reviewer, { deploymentId, comment: "Rotate the keys first" });
    const deliveries = await deliveriesFor(deploymentId);
    expect(deliveries.map((d) => [d.hook, d.event])).toEqual([["all", "DEPLOYMENT_REJECTED"]]);
    expect(deliveries[0]!.payload).toMatchObject({
      event: "deployment.rejected",
      data: {
        deployment: { id: deploymentId, status: "REJECTED" },
        rejection: { reviewerId: reviewer.id, comment: "Rotate the keys first", previousStatus: "READY_FOR_REVIEW" },
      },
    });
  });

  it("a change that invalidates a sign-off queues signoff.invalidated with the reason", async () => {
    const { owner, reviewer, deploymentId, digest, leaves } = await inReview();
    await approveDeployment(reviewer, { deploymentId, comment: "", digest: await digest() });
    const backups = (await leaves()).find((leaf) => leaf.text === "Backups verified")!;
    await updateItemState(owner, { deploymentId, itemId: backups.id, version: backups.state!.version, status: "OPEN" });
    const invalidated = (await deliveriesFor(deploymentId)).filter((d) => d.event === "SIGNOFF_INVALIDATED");
    expect(invalidated.map((d) => d.hook)).toEqual(["all"]);
    expect(invalidated[0]!.payload).toMatchObject({
      event: "signoff.invalidated",
      data: {
        deployment: { id: deploymentId, status: "IN_PROGRESS" },
        invalidation: {
          reason: "“Backups verified” changed (status)",
          invalidatedById: owner.id,
          approvalsInvalidated: 1,
          previousStatus: "SIGNED_OFF",
        },
      },
    });
    // A later change with no sign-off left to invalidate sends nothing more.
    const again = (await leaves()).find((leaf) => leaf.text === "Backups verified")!;
    await updateItemState(owner, { deploymentId, itemId: again.id, version: again.state!.version, status: "DONE" });
    expect((await deliveriesFor(deploymentId)).filter((d) => d.event === "SIGNOFF_INVALIDATED")).toHaveLength(1);
  });
});

afterAll(async () => {
  // Nothing else in this database should try to reach these test URLs.
  await prisma.webhook.updateMany({ where: { id: { in: Object.values(hooks) } }, data: { active: false } });
});
