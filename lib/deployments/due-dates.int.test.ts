// The due-date rules have three forms — Prisma's where (My work, the reminders), the lists'
// SQL (list-query.ts) and the row's badge — and they must give one answer. Deployments in
// every status with target dates around today, and sign-offs with review dates around the
// 14-day window, are judged all three ways.
import { beforeAll, describe, expect, it } from "vitest";
import {
  missedTarget,
  missedTargetWhere,
  organisationToday,
  reviewDueWhere,
  reviewHorizon,
} from "@/lib/deployments/due-dates";
import { deploymentStatuses } from "@/lib/deployments/lifecycle";
import { listDeployments } from "@/lib/deployments/list-deployments";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const DAY = 86_400_000;

describe("due dates: the where, the SQL and the badge agree", () => {
  const environment = uniqueKey("due");
  const now = new Date();
  let today: Date;

  beforeAll(async () => {
    today = await organisationToday(now);
    const [owner, reviewer] = await Promise.all([
      createTestUser(prisma, "ENGINEER"),
      createTestUser(prisma, "REVIEWER"),
    ]);
    const template = await importSmallTemplate(prisma);
    let n = 0;
    for (const status of deploymentStatuses)
      for (const days of [-30, -1, 0, 1, null]) {
        const { id } = await prisma.deployment.create({
          data: {
            service: `svc-${n++}`,
            environment,
            version: "1",
            status,
            ownerId: owner.id,
            templateVersionId: template.versionId,
            targetDate: days === null ? null : new Date(today.getTime() + days * DAY),
          },
          select: { id: true },
        });
        // Review dates either side of the window's edge, and an invalidated one inside it.
        for (const [offset, invalidated] of [
          [13, false],
          [15, false],
          [-2, false],
          [3, true],
        ] as const)
          if ((n + offset) % 3 === 0)
            await prisma.signOff.create({
              data: {
                deploymentId: id,
                reviewerId: reviewer.id,
                decision: "APPROVED",
                comment: "ok",
                digest: "0".repeat(64),
                nextReviewAt: new Date(now.getTime() + offset * DAY),
                invalidatedAt: invalidated ? now : null,
              },
            });
      }
  });

  const listed = async (query: Record<string, string>) =>
    (await listDeployments(deploymentFiltersSchema.parse({ environment, ...query }), { all: true })).rows
      .map((row) => row.id)
      .sort();

  it("missed target: before today in the organisation's zone, not deployed or cancelled", async () => {
    // Another test file may switch the organisation's zone for a moment: judge with the day
    // the lists used, read before and after them.
    for (let attempt = 0; ; attempt++) {
      const day = await organisationToday(new Date());
      const byWhere = (
        await prisma.deployment.findMany({ where: { environment, ...missedTargetWhere(day) }, select: { id: true } })
      )
        .map((d) => d.id)
        .sort();
      const all = (await listDeployments(deploymentFiltersSchema.parse({ environment }), { all: true })).rows;
      const missed = await listed({ target: "missed" });
      if ((await organisationToday(new Date())).getTime() !== day.getTime() && attempt < 5) continue;
      const byBadge = all
        .filter((row) => row.missedTarget)
        .map((row) => row.id)
        .sort();
      expect(byWhere.length).toBeGreaterThan(0);
      expect(missed).toEqual(byWhere);
      expect(byBadge).toEqual(byWhere);
      for (const row of all) expect(row.missedTarget).toBe(missedTarget(row, day));
      // The target day itself is not missed; a deployed or cancelled release never is.
      expect(all.some((row) => row.targetDate?.getTime() === day.getTime() && row.missedTarget)).toBe(false);
      expect(all.some((row) => ["DEPLOYED", "CANCELLED"].includes(row.status) && row.missedTarget)).toBe(false);
      return;
    }
  });

  it("sign-off due for re-review: a standing approval's date within the window, signed off or deployed", async () => {
    const byWhere = (
      await prisma.deployment.findMany({ where: { environment, ...reviewDueWhere(now) }, select: { id: true } })
    )
      .map((d) => d.id)
      .sort();
    expect(byWhere.length).toBeGreaterThan(0);
    expect(await listed({ signoff: "due" })).toEqual(byWhere);
    const rows = await prisma.deployment.findMany({
      where: { id: { in: byWhere } },
      select: { status: true, signOffs: { where: { invalidatedAt: null }, select: { nextReviewAt: true } } },
    });
    for (const row of rows) {
      expect(["SIGNED_OFF", "DEPLOYED"]).toContain(row.status);
      expect(row.signOffs.some((s) => s.nextReviewAt! <= reviewHorizon(now))).toBe(true);
    }
  });
});
