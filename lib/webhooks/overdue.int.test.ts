// "Maintenance overdue" is queued once per list, however many ticks run at once, and reaches
// the receiver as maintenance.overdue. A scratch database: ticks touch every schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { queueOverdueMaintenance } from "@/lib/webhooks/overdue";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { maintenanceTick } from "@/scripts/commands/maintenance-tick";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createScratchDatabase, createTestUser } from "@/test/db";

process.env.AUTH_SECRET ??= "webhook-overdue-test-secret-0123456789abcdef";

let instanceA: PrismaClient;
let instanceB: PrismaClient;
let receiver: TestReceiver;

beforeAll(async () => {
  const url = await createScratchDatabase();
  await migrate(url);
  instanceA = createPrismaClient(url, { max: 4 });
  instanceB = createPrismaClient(url, { max: 4 });
  receiver = await startTestReceiver();
});

afterAll(async () => {
  await receiver?.close();
  await instanceA?.$disconnect();
  await instanceB?.$disconnect();
});

describe("maintenance overdue", () => {
  it("is queued exactly once per overdue list across concurrent ticks, and delivered", async () => {
    const admin = await createTestUser(instanceA, "ADMIN");
    const webhook = await instanceA.webhook.create({
      data: {
        url: receiver.url,
        events: ["MAINTENANCE_OVERDUE"],
        secret: encryptSecret(generateWebhookSecret()),
        createdById: admin.id,
      },
    });
    const template = await importSmallTemplate(instanceA);
    const section = await instanceA.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, title: "Weekly" },
    });
    const schedule = await instanceA.maintenanceSchedule.create({
      data: {
        sectionId: section.id,
        cadence: "WEEKLY",
        ownerId: admin.id,
        createdAt: new Date("2026-01-05T09:00:00Z"),
      },
    });
    const now = new Date("2026-01-28T12:00:00Z"); // three weekly lists past due, the fourth current

    await Promise.all([
      maintenanceTick({ db: instanceA, now }),
      maintenanceTick({ db: instanceB, now }),
      queueOverdueMaintenance({ db: instanceA, now }),
      queueOverdueMaintenance({ db: instanceB, now }),
    ]);
    await Promise.all([maintenanceTick({ db: instanceA, now }), queueOverdueMaintenance({ db: instanceB, now })]);

    const lists = await instanceA.maintenanceOccurrence.findMany({
      where: { scheduleId: schedule.id },
      orderBy: { periodStart: "asc" },
    });
    const overdue = lists.filter((list) => list.dueAt <= now);
    expect(overdue).toHaveLength(3);
    expect(lists.filter((list) => list.overdueNotifiedAt).map((list) => list.id)).toEqual(
      overdue.map((list) => list.id),
    );
    const deliveries = await instanceA.webhookDelivery.findMany({ where: { webhookId: webhook.id } });
    const queuedFor = deliveries.map(
      (d) => (d.payload as { data: { maintenance: { occurrenceId: string } } }).data.maintenance.occurrenceId,
    );
    expect(queuedFor.sort()).toEqual(overdue.map((list) => list.id).sort());

    // A list completed late, or one that becomes overdue later, is handled on its own terms.
    const later = new Date(lists.at(-1)!.dueAt.getTime() + 60_000);
    expect(await queueOverdueMaintenance({ db: instanceB, now: later })).toBe(1);
    expect(await queueOverdueMaintenance({ db: instanceA, now: later })).toBe(0);

    expect(await deliverDueWebhooks({ db: instanceA, now: later })).toMatchObject({ delivered: 4 });
    const first = JSON.parse(receiver.requests.find((r) => r.body.includes(overdue[0]!.id))!.body);
    expect(first).toMatchObject({
      event: "maintenance.overdue",
      data: {
        maintenance: {
          occurrenceId: overdue[0]!.id,
          scheduleId: schedule.id,
          cadence: "WEEKLY",
          section: "Weekly",
          template: { name: template.title },
          dueAt: overdue[0]!.dueAt.toISOString(),
        },
      },
    });
    expect(receiver.requests.every((r) => r.headers["x-preflight-event"] === "maintenance.overdue")).toBe(true);
    await instanceA.maintenanceSchedule.update({ where: { id: schedule.id }, data: { active: false } });
  });

  it("skips completed lists and inactive schedules", async () => {
    const admin = await createTestUser(instanceA, "ADMIN");
    const template = await importSmallTemplate(instanceA);
    const section = await instanceA.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, title: "Weekly" },
    });
    const schedule = await instanceA.maintenanceSchedule.create({
      data: {
        sectionId: section.id,
        cadence: "WEEKLY",
        ownerId: admin.id,
        scopeKey: "svc/prod",
        createdAt: new Date("2026-03-02T09:00:00Z"),
      },
    });
    const now = new Date("2026-03-18T12:00:00Z");
    await maintenanceTick({ db: instanceA, now: new Date("2026-03-02T10:00:00Z") });
    const [done] = await instanceA.maintenanceOccurrence.findMany({ where: { scheduleId: schedule.id } });
    await instanceA.maintenanceOccurrence.update({
      where: { id: done!.id },
      data: { completedAt: new Date("2026-03-08T10:00:00Z") },
    });
    await maintenanceTick({ db: instanceA, now });
    const notified = await instanceA.maintenanceOccurrence.findMany({
      where: { scheduleId: schedule.id, overdueNotifiedAt: { not: null } },
    });
    expect(notified.map((list) => list.periodStart.toISOString())).toEqual(["2026-03-09T00:00:00.000Z"]);

    await instanceA.maintenanceSchedule.update({ where: { id: schedule.id }, data: { active: false } });
    expect(await queueOverdueMaintenance({ db: instanceA, now: new Date("2026-04-30T00:00:00Z") })).toBe(0);
  });
});
