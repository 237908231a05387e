// The checklist page reads no history (the details read it, one item at a time), and one item's
// history is a fixed number of statements: a longer history adds rows, not queries.
import { describe, expect, it } from "vitest";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { readItemHistory } from "@/lib/deployments/item-history";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { useCountingAppDatabase } from "@/test/counting-database";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const statements = useCountingAppDatabase(testDatabaseUrl());

async function counted(read: () => Promise<unknown>): Promise<number> {
  statements.reset();
  await read();
  return statements.count();
}

describe("item history query count", () => {
  it("the checklist read and one item's history read do not grow with the history", async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    const template = await importSmallTemplate(prisma);
    const { id: deploymentId } = await createDeployment(
      engineer,
      { service: uniqueKey("count"), environment: "prod", version: "1", templateVersionId: template.versionId },
      { db: prisma },
    );
    const leaves = leavesOf((await getChecklist(deploymentId, { db: prisma }))!.sections.flatMap((s) => s.items));
    const [first, second] = leaves;
    await updateItemState(engineer, { deploymentId, itemId: first!.id, version: 0, note: "one" }, { db: prisma });
    const read = () => readItemHistory(engineer, { deploymentId, itemKey: first!.key });
    const page = () => getChecklist(deploymentId);
    const before = { history: await counted(read), page: await counted(page) };

    for (let version = 1; version <= 12; version++) {
      await updateItemState(
        engineer,
        { deploymentId, itemId: first!.id, version, note: `note ${version}`, status: version % 2 ? "DONE" : "OPEN" },
        { db: prisma },
      );
    }
    await updateItemState(engineer, { deploymentId, itemId: second!.id, version: 0, status: "DONE" }, { db: prisma });

    expect((await readItemHistory(engineer, { deploymentId, itemKey: first!.key })).events).toHaveLength(13);
    expect(await counted(read)).toBe(before.history);
    expect(await counted(page)).toBe(before.page);
    // The deployment, then its item's rows.
    expect(before.history).toBe(2);
  });
});
