// Two runners on one database, as two app instances (or two `npm run worker` processes):
// here two pg-boss instances in this test process, each with its own connection pool and its
// own Prisma client. Many runs of the maintenance tick and of the review reminders, on both at
// once and by hand beside them, create each period's list once and send each reminder once.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { QUEUES } from "@/lib/jobs/queues";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { sendJobs } from "@/lib/jobs/send";
import { createSchedule } from "@/lib/maintenance/create-schedule";
import { maintenanceTick } from "@/lib/maintenance/tick";
import { queueReviewReminders, reviewRemindersFor } from "@/lib/reminders/review-reminders";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { startTestReceiver, type TestReceiver } from "@/test/webhook-receiver";
import { createScratchDatabase, createTestUser, runSql } from "@/test/db";

process.env.AUTH_SECRET ??= "job-runners-test-secret-0123456789abcdef";

const DAY = 86_400_000;
let url: string;
let clientA: PrismaClient;
let clientB: PrismaClient;
let runners: JobRunner[] = [];
let receiver: TestReceiver;
let tablesBeforeRunners: string[];

const pgbossTables = async () =>
  (
    await runSql<{ name: string }>(
      url,
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'pgboss' ORDER BY 1`,
    )
  ).map((row) => row.name);

beforeAll(async () => {
  url = await createScratchDatabase();
  await migrate(url);
  tablesBeforeRunners = await pgbossTables();
  clientA = createPrismaClient(url, { max: 4 });
  clientB = createPrismaClient(url, { max: 4 });
  receiver = await startTestReceiver();
  const log = pino({ level: "silent" });
  runners = await Promise.all(
    [
      ["A", clientA],
      ["B", clientB],
    ].map(([name, db]) =>
      startJobRunner({
        connectionString: url,
        db: db as PrismaClient,
        name: name as string,
        log,
        pollingIntervalSeconds: 0.5,
      }),
    ),
  );
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await receiver?.close();
  await clientA?.$disconnect();
  await clientB?.$disconnect();
});

async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Queues `count` runs of a scheduled job at once, as if several periods' cron had fired together. */
async function runOnBoth(queue: (typeof QUEUES)["maintenanceTick" | "reviewReminders"], count: number) {
  const startAfter = new Date(Date.now() + 300);
  await sendJobs(
    clientA,
    Array.from({ length: count }, () => ({ queue, data: {}, startAfter })),
  );
  const done = await waitFor(async () => {
    const rows = await runSql<{ state: string; n: number }>(
      url,
      `SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state`,
      [queue],
    );
    const completed = rows.find((row) => row.state === "completed")?.n ?? 0;
    return rows.every((row) => row.state === "completed") && completed >= count && completed;
  }, `${count} ${queue} jobs`);
  expect(done).toBeGreaterThanOrEqual(count);
}

describe("two runners on one database", () => {
  it("start without creating anything: the migration made every table they use", async () => {
    expect(runners.every((runner) => runner.status().running)).toBe(true);
    expect(await pgbossTables()).toEqual(tablesBeforeRunners);
  });

  it("create each period's maintenance list exactly once", async () => {
    const engineer = await createTestUser(clientA, "ENGINEER");
    const template = await createTemplateFromMarkdown(
      { actorLabel: "test" },
      {
        source:
          "# Runner maintenance\n\n## Daily\n- [ ] Check the inbox\n- [ ] Read the alerts\n\n## Weekly\n- [ ] Rotate logs\n",
      },
      { db: clientA },
    );
    const sections = await clientA.section.findMany({
      where: { templateVersionId: template.versionId, kind: "MAINTENANCE" },
    });
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    for (const section of sections)
      await createSchedule(
        engineer,
        { sectionId: section.id, ownerId: engineer.id, scope: "org" },
        { db: clientA, now: tenDaysAgo },
      );

    await Promise.all([
      runOnBoth(QUEUES.maintenanceTick, 6),
      maintenanceTick({ db: clientA }),
      maintenanceTick({ db: clientB }),
    ]);

    const lists = await runSql<{ title: string; lists: number; periods: number; tasks: number }>(
      url,
      `SELECT s.title, count(*)::int AS lists, count(DISTINCT o."periodStart")::int AS periods, sum(t.n)::int AS tasks
         FROM "MaintenanceOccurrence" o
         JOIN "MaintenanceSchedule" ms ON ms.id = o."scheduleId"
         JOIN "Section" s ON s.id = ms."sectionId"
         JOIN LATERAL (SELECT count(*) AS n FROM "MaintenanceTask" mt WHERE mt."occurrenceId" = o.id) t ON true
        GROUP BY s.title ORDER BY s.title`,
    );
    const daily = lists.find((row) => row.title === "Daily")!;
    const weekly = lists.find((row) => row.title === "Weekly")!;
    // Ten days back: eleven daily lists (today's too), one per period, two tasks each.
    expect(daily).toEqual({ title: "Daily", lists: 11, periods: 11, tasks: 22 });
    expect(weekly.lists).toBe(weekly.periods);
    expect(weekly.lists).toBeGreaterThanOrEqual(2);
    expect(weekly.tasks).toBe(weekly.lists);
    // Both runners took part.
    expect(runners.every((runner) => runner.status().jobsRun > 0)).toBe(true);
  });

  it("send each review reminder once to each webhook, and show it on My work of the people concerned", async () => {
    const owner = await createTestUser(clientA, "ENGINEER");
    const reviewer = await createTestUser(clientA, "REVIEWER");
    const approver = await createTestUser(clientA, "REVIEWER");
    const engineer = await createTestUser(clientA, "ENGINEER");
    const admin = await createTestUser(clientA, "ADMIN");
    const now = new Date();
    const template = await createTemplateFromMarkdown(
      { actorLabel: "test" },
      { source: "# Runner reviews\n\n## CRITICAL\n- [ ] Backups verified\n" },
      { db: clientA },
    );
    await clientA.template.update({
      where: { id: template.templateId },
      data: { ownerId: owner.id, reviewerId: reviewer.id, nextReviewAt: new Date(now.getTime() + 3 * DAY) },
    });
    const { id: deploymentId } = await createDeployment(
      engineer,
      { service: "runner-svc", environment: "prod", version: "1", templateVersionId: template.versionId },
      { db: clientA },
    );
    await clientA.deployment.update({ where: { id: deploymentId }, data: { status: "SIGNED_OFF" } });
    await clientA.signOff.create({
      data: {
        deploymentId,
        reviewerId: approver.id,
        decision: "APPROVED",
        comment: "ok",
        digest: "d",
        nextReviewAt: new Date(now.getTime() + 5 * DAY),
      },
    });
    const hooks = await Promise.all(
      [1, 2].map(() =>
        clientA.webhook.create({
          data: {
            url: receiver.url,
            events: ["REVIEW_DUE"],
            secret: encryptSecret(generateWebhookSecret()),
            createdById: admin.id,
          },
        }),
      ),
    );

    await Promise.all([
      runOnBoth(QUEUES.reviewReminders, 6),
      queueReviewReminders({ db: clientA }),
      queueReviewReminders({ db: clientB }),
    ]);
    const ours = { webhookId: { in: hooks.map((hook) => hook.id) }, event: "REVIEW_DUE" as const };
    // Two reminders (the template, the sign-off) × two webhooks, each queued once and delivered once.
    await waitFor(
      async () => (await clientA.webhookDelivery.count({ where: { ...ours, status: "DELIVERED" } })) === 4,
      "four review.due deliveries",
    );
    expect(await clientA.webhookDelivery.count({ where: ours })).toBe(4);
    const bodies = receiver.requests.map(
      (request) => JSON.parse(request.body) as { event: string; data: { review: { kind: string } } },
    );
    expect(bodies).toHaveLength(4);
    expect(new Set(receiver.requests.map((request) => request.headers["x-preflight-delivery"])).size).toBe(4);
    expect(bodies.map((body) => body.event)).toEqual(Array(4).fill("review.due"));
    expect(bodies.map((body) => body.data.review.kind).sort()).toEqual(["signoff", "signoff", "template", "template"]);
    expect(await queueReviewReminders({ db: clientB })).toEqual({ due: 2, deliveriesQueued: 0 });

    // My work: the template's owner and reviewer, the deployment's owner and approver.
    const kinds = async (userId: string) =>
      (await reviewRemindersFor(userId, now, { db: clientA })).map((reminder) => reminder.kind);
    expect(await kinds(owner.id)).toEqual(["template"]);
    expect(await kinds(reviewer.id)).toEqual(["template"]);
    expect(await kinds(engineer.id)).toEqual(["signoff"]);
    expect(await kinds(approver.id)).toEqual(["signoff"]);
    expect(await kinds(admin.id)).toEqual([]);
  });
});
