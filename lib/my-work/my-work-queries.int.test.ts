// My work's database work is a fixed number of statements (the header counts it on every
// page): more assigned items or more deployments of one's own add rows, not queries.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { countMyWork } from "@/lib/my-work/count-my-work";
import { readMyWork } from "@/lib/my-work/read-my-work";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { useCountingAppDatabase } from "@/test/counting-database";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const statements = useCountingAppDatabase(testDatabaseUrl());

/**
 * One statement per section (items, reviews, waivers, maintenance, procedures), the organisation's
 * time zone, two for one's own deployments (the candidates and their sign-off facts) and two
 * for review reminders (templates, deployments). The count sends the same statements as
 * counts. Changing it is a deliberate decision.
 */
const MY_WORK_STATEMENT_BUDGET = 10;

async function measured<T>(read: () => Promise<T>) {
  statements.reset();
  const result = await read();
  return { result, count: statements.count(), sql: statements.statements().join("\n---\n") };
}

describe("my work query count", () => {
  let reviewer: Actor;
  let versionId = "";

  /** A deployment of the reviewer's, past its target date, with every leaf assigned to them. */
  async function lateDeploymentWithAssignedItems() {
    const { id } = await createDeployment(reviewer, {
      service: uniqueKey("svc"),
      environment: "prod",
      version: "1",
      templateVersionId: versionId,
    });
    await prisma.deployment.update({ where: { id }, data: { targetDate: new Date("2020-01-01") } });
    const leaves = leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items));
    await prisma.itemState.updateMany({
      where: { deploymentId: id, itemId: { in: leaves.map((l) => l.id) } },
      data: { assigneeId: reviewer.id },
    });
  }

  beforeAll(async () => {
    reviewer = await createTestUser(prisma, "REVIEWER");
    versionId = (await importSmallTemplate(prisma)).versionId;
    await lateDeploymentWithAssignedItems();
    // Opens the pool's connections, so the measured runs count statements, not handshakes.
    await readMyWork(reviewer);
  });

  it("is the same for one late deployment and for eight, with every item assigned", async () => {
    const few = await measured(() => readMyWork(reviewer));
    expect(few.result.deployments).toHaveLength(1);
    expect(few.result.items.length).toBeGreaterThan(0);
    expect(few.count, few.sql).toBe(MY_WORK_STATEMENT_BUDGET);
    const fewCount = await measured(() => countMyWork(reviewer));
    expect(fewCount.count, fewCount.sql).toBe(MY_WORK_STATEMENT_BUDGET);

    for (let i = 0; i < 7; i++) await lateDeploymentWithAssignedItems();
    const many = await measured(() => readMyWork(reviewer));
    expect(many.result.deployments).toHaveLength(8);
    expect(many.result.items).toHaveLength(few.result.items.length * 8);
    expect(many.count, many.sql).toBe(few.count);
    const manyCount = await measured(() => countMyWork(reviewer));
    expect(manyCount.count, manyCount.sql).toBe(fewCount.count);
  });

  it("counts rather than reads: the header's count loads no item, task or run rows", async () => {
    const { sql } = await measured(() => countMyWork(reviewer));
    for (const table of ["ItemState", "MaintenanceTask", "ProcedureRun"]) {
      const reads = sql.split("\n---\n").filter((text) => text.includes(`"${table}"`) && /^\s*SELECT/i.test(text));
      expect(reads.length, table).toBeGreaterThan(0);
      expect(
        reads.every((text) => /COUNT\(/i.test(text)),
        `${table}: ${reads.join("\n")}`,
      ).toBe(true);
    }
  });
});
