// The trend charts' numbers on a database of their own: the maintenance rates cover every
// list in the organisation, so other tests' data must not leak in.
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { ItemStatus } from "@/lib/generated/prisma/enums";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { ORG_TIME_ZONE_KEY } from "@/lib/maintenance/time-zone";
import { readinessByDeployment } from "@/lib/deployments/readiness-query";
import { maintenanceCompletion, readinessTrends } from "@/lib/overview/chart-data";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createScratchDatabase, createTestUser } from "@/test/db";

let prisma: PrismaClient;

beforeAll(async () => {
  const url = await createScratchDatabase();
  await migrate(url);
  prisma = createPrismaClient(url, { max: 4 });
  return () => prisma.$disconnect();
});

const filters = (input: Record<string, string> = {}) => deploymentFiltersSchema.parse(input);

/** A deployment like createDeployment makes one (a state per pre- and post-deployment leaf), with the given states. */
async function release(
  fixture: Fixture,
  input: {
    service: string;
    version: string;
    environment?: string;
    status?: "CANCELLED" | "DEPLOYED";
    createdAt: Date;
    states?: Record<string, ItemStatus>;
  },
) {
  const deployment = await prisma.deployment.create({
    data: {
      service: input.service,
      version: input.version,
      environment: input.environment ?? "production",
      status: input.status,
      createdAt: input.createdAt,
      ownerId: fixture.ownerId,
      templateVersionId: fixture.versionId,
    },
  });
  await prisma.itemState.createMany({
    data: fixture.leaves.map((leaf) => ({
      deploymentId: deployment.id,
      itemId: leaf.id,
      status: input.states?.[leaf.text] ?? "OPEN",
      naReason: input.states?.[leaf.text] === "NOT_APPLICABLE" ? "No such thing here" : null,
    })),
  });
  return deployment.id;
}

type Fixture = { ownerId: string; versionId: string; leaves: { id: string; text: string }[] };

async function checklistFixture(): Promise<Fixture> {
  const owner = await createTestUser(prisma, "ENGINEER");
  const template = await importSmallTemplate(prisma);
  const leaves = await prisma.item.findMany({
    where: {
      templateVersionId: template.versionId,
      isLeaf: true,
      section: { kind: { in: ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] } },
    },
    select: { id: true, text: true },
  });
  return { ownerId: owner.id, versionId: template.versionId, leaves };
}

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12));

describe("chart data", () => {
  it("is empty on an empty database", async () => {
    expect(await readinessTrends(filters(), prisma)).toEqual([]);
    expect(await maintenanceCompletion(new Date("2026-11-27T12:00:00Z"), prisma)).toEqual({
      timeZone: "UTC",
      months: [],
    });
  });

  it("gives each release the list's readiness percentage, oldest first, one series per matching service and environment", async () => {
    const fixture = await checklistFixture();
    // The small checklist has five pre-deployment leaves (three critical weighing 8, two high
    // weighing 4: 32 in all) and one post-deployment leaf, which never counts.
    await release(fixture, { service: "payments", version: "1.0.0", createdAt: at(1) });
    await release(fixture, {
      service: "payments",
      version: "1.1.0",
      createdAt: at(3),
      states: { "Database password": "DONE", "API keys": "NOT_APPLICABLE", "Smoke test passed": "DONE" },
    });
    await release(fixture, {
      service: "payments",
      version: "1.2.0",
      createdAt: at(5),
      status: "DEPLOYED",
      states: {
        "Database password": "DONE",
        "API keys": "DONE",
        "Backups verified": "DONE",
        "Alerts configured": "NOT_APPLICABLE",
        "Runbook linked": "DONE",
      },
    });
    await release(fixture, {
      service: "payments",
      version: "1.3.0-rc",
      createdAt: at(6),
      status: "CANCELLED",
      states: { "Database password": "DONE" },
    });
    await release(fixture, {
      service: "search",
      version: "7",
      createdAt: at(2),
      states: { "Backups verified": "DONE", "Alerts configured": "DONE", "Runbook linked": "OPEN" },
    });
    await release(fixture, {
      service: "search",
      version: "8",
      environment: "staging",
      createdAt: at(4),
      states: { "Database password": "DONE", "API keys": "DONE", "Backups verified": "DONE", "Runbook linked": "DONE" },
    });

    const trends = await readinessTrends(filters(), prisma);
    const summary = trends.map((t) => ({
      key: t.key,
      releases: t.releases.map((r) => [r.version, r.percent, r.settled, r.total]),
    }));
    expect(summary).toEqual([
      {
        key: "payments / production",
        releases: [
          ["1.0.0", 0, 0, 5],
          // A critical done and a critical N/A: 16 of 32.
          ["1.1.0", 50, 2, 5],
          ["1.2.0", 100, 5, 5],
        ],
      },
      // Same service, another environment: its own line, not a zigzag through both.
      // 8 + 4 of 32 = 37.5, rounded down as the list does.
      { key: "search / production", releases: [["7", 37, 2, 5]] },
      { key: "search / staging", releases: [["8", 87, 4, 5]] },
    ]);
    // The very number the deployments list shows for each release.
    const listed = await readinessByDeployment(
      trends.flatMap((t) => t.releases.map((r) => r.deploymentId)),
      prisma,
    );
    for (const release of trends.flatMap((t) => t.releases))
      expect(release.percent).toBe(listed.get(release.deploymentId)!.score);

    // The overview's filters narrow it: by environment (any case), by search text, by status.
    const staging = await readinessTrends(filters({ environment: "STAGING" }), prisma);
    expect(staging.map((t) => [t.key, t.releases.map((r) => r.version)])).toEqual([["search / staging", ["8"]]]);
    const searched = await readinessTrends(filters({ q: "1.1" }), prisma);
    expect(searched.map((t) => [t.key, t.releases.map((r) => r.version)])).toEqual([
      ["payments / production", ["1.1.0"]],
    ]);
    const cancelled = await readinessTrends(filters({ status: "CANCELLED" }), prisma);
    expect(cancelled.map((t) => [t.key, t.releases.map((r) => [r.version, r.percent])])).toEqual([
      ["payments / production", [["1.3.0-rc", 25]]],
    ]);
    expect(await readinessTrends(filters({ service: "no-such-service" }), prisma)).toEqual([]);
  });

  it("draws the last 20 releases of the 8 busiest services and environments", async () => {
    const fixture = await checklistFixture();
    for (let n = 1; n <= 22; n++)
      await release(fixture, { service: "zz-busy", version: `0.${n}`, environment: "limits", createdAt: at(n) });
    for (let s = 1; s <= 8; s++) {
      for (let n = 1; n <= (s === 8 ? 1 : 2); n++)
        await release(fixture, { service: `zz-svc-${s}`, version: `${n}`, environment: "limits", createdAt: at(n) });
    }
    const trends = await readinessTrends(filters({ environment: "limits" }), prisma);
    expect(trends.map((t) => t.service)).toEqual([
      "zz-busy",
      "zz-svc-1",
      "zz-svc-2",
      "zz-svc-3",
      "zz-svc-4",
      "zz-svc-5",
      "zz-svc-6",
      "zz-svc-7",
    ]);
    expect(trends[0]!.releases.map((r) => r.version)).toEqual(Array.from({ length: 20 }, (_, i) => `0.${i + 3}`));
  });

  it("gives the completion and on-time rate per month of the last twelve, filing each list under the month its period ends in, in the organisation's time zone", async () => {
    const owner = await createTestUser(prisma, "ENGINEER");
    const template = await importSmallTemplate(prisma);
    const section = await prisma.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, kind: "MAINTENANCE" },
    });
    const item = await prisma.item.findFirstOrThrow({ where: { sectionId: section.id } });
    await prisma.setting.create({ data: { key: ORG_TIME_ZONE_KEY, value: "Europe/Berlin" } });
    let scope = 0;
    /** Lists of one period with a task each (one schedule per task: the section has one item). */
    async function list(periodStart: string, dueAt: string, completions: (string | null)[]) {
      for (const completedAt of completions) {
        const schedule = await prisma.maintenanceSchedule.create({
          data: { sectionId: section.id, cadence: "MONTHLY", scopeKey: `s/${scope++}`, ownerId: owner.id },
        });
        const occurrence = await prisma.maintenanceOccurrence.create({
          data: {
            scheduleId: schedule.id,
            periodStart: new Date(periodStart),
            periodEnd: new Date(dueAt),
            dueAt: new Date(dueAt),
          },
        });
        await prisma.maintenanceTask.create({
          data: {
            occurrenceId: occurrence.id,
            itemId: item.id,
            completedAt: completedAt ? new Date(completedAt) : null,
          },
        });
      }
    }
    // September: 3 of 4 done, 2 of them on time.
    await list("2026-09-01T00:00:00+02:00", "2026-10-01T00:00:00+02:00", [
      "2026-09-20T10:00:00Z",
      "2026-09-30T21:59:00Z",
      "2026-10-03T10:00:00Z",
      null,
    ]);
    // November (due 1 Dec 00:00 Berlin, 30 Nov 23:00 UTC: the exclusive end of its period).
    await list("2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00", ["2026-11-02T10:00:00Z", null, null]);
    // The week of 30 Nov – 6 Dec, due 7 Dec 00:00 Berlin: it ends in December, so it counts there.
    await list("2026-11-30T00:00:00+01:00", "2026-12-07T00:00:00+01:00", [
      "2026-11-30T09:00:00Z",
      "2026-12-01T09:00:00Z",
      null,
    ]);
    // December 2025's list (due 1 Jan 2026 00:00): the month before the window.
    await list("2025-12-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00", [null]);

    const { timeZone, months } = await maintenanceCompletion(new Date("2026-12-02T12:00:00Z"), prisma);
    expect(timeZone).toBe("Europe/Berlin");
    expect(months.map((m) => m.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(months.find((m) => m.month === "2026-09")).toEqual({
      month: "2026-09",
      total: 4,
      completed: 3,
      onTime: 2,
      completionRate: 75,
      onTimeRate: 50,
    });
    expect(months.find((m) => m.month === "2026-10")).toEqual({
      month: "2026-10",
      total: 0,
      completed: 0,
      onTime: 0,
      completionRate: null,
      onTimeRate: null,
    });
    expect(months.find((m) => m.month === "2026-11")).toEqual({
      month: "2026-11",
      total: 3,
      completed: 1,
      onTime: 1,
      completionRate: 33,
      onTimeRate: 33,
    });
    // 2 of 3 is 67 %: rounded to the nearest percent.
    expect(months.at(-1)).toEqual({
      month: "2026-12",
      total: 3,
      completed: 2,
      onTime: 2,
      completionRate: 67,
      onTimeRate: 67,
    });
    expect(months.reduce((sum, m) => sum + m.total, 0)).toBe(10);
  });
});
