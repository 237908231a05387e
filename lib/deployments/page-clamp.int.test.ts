// A page past the last one (an old link, a hand-typed ?page=999) shows the last page and says
// so: the list, the overview's list and the API never answer "none" beside a total.
import { beforeAll, describe, expect, it } from "vitest";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { DEPLOYMENTS_PAGE_SIZE, listDeployments, listDeploymentsPage } from "@/lib/deployments/list-deployments";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { readOverview } from "@/lib/overview/load-overview";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
// One page and two more rows, all of one service no other test uses.
const service = uniqueKey("pages");
const count = DEPLOYMENTS_PAGE_SIZE + 2;

beforeAll(async () => {
  const owner = await createTestUser(prisma, "ENGINEER");
  const template = await importSmallTemplate(prisma);
  for (let n = 1; n <= count; n++)
    await createDeployment(owner, {
      service,
      environment: "prod",
      version: `1.0.${n}`,
      templateVersionId: template.versionId,
    });
});

describe("a page past the last", () => {
  it("reads the last page of the list and names it", async () => {
    const last = await listDeployments(deploymentFiltersSchema.parse({ service, page: "2" }));
    expect(last).toMatchObject({ total: count, page: 2, pageCount: 2 });
    expect(last.rows).toHaveLength(2);

    const beyond = await listDeployments(deploymentFiltersSchema.parse({ service, page: "999" }));
    expect(beyond).toMatchObject({ total: count, page: 2, pageCount: 2 });
    expect(beyond.rows.map((row) => row.id)).toEqual(last.rows.map((row) => row.id));
  });

  it("keeps a page that exists as it is", async () => {
    const first = await listDeployments(deploymentFiltersSchema.parse({ service }));
    expect(first).toMatchObject({ total: count, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(DEPLOYMENTS_PAGE_SIZE);
  });

  it("answers page 1 of 1 when nothing matches", async () => {
    const none = await listDeployments(deploymentFiltersSchema.parse({ service: uniqueKey("none"), page: "5" }));
    expect(none).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it("the API's list and the overview answer the last page with its number", async () => {
    const page = await listDeploymentsPage({ service, page: "999" });
    expect(page).toMatchObject({ page: 2, pageCount: 2, total: count });
    expect(page.deployments).toHaveLength(2);

    // The overview lists active deployments; these drafts are.
    const overview = await readOverview({ service, page: "999" });
    expect(overview.deployments).toMatchObject({ page: 2, pageCount: 2, total: count });
    expect(overview.deployments.deployments).toHaveLength(2);
  });

  it("an export ignores the page and returns every row", async () => {
    const all = await listDeployments(deploymentFiltersSchema.parse({ service, page: "999" }), { all: true });
    expect(all.rows).toHaveLength(count);
    expect(all.page).toBe(1);
  });
});
