// The overview's database work is a fixed number of statements: readiness and counts are
// aggregated in SQL, so more deployments (or more items per deployment) add no queries.
import { beforeAll, describe, expect, it } from "vitest";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { deploymentFiltersSchema } from "@/lib/deployments/schemas";
import { loadOverview } from "@/lib/overview/load-overview";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { useCountingAppDatabase } from "@/test/counting-database";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const statements = useCountingAppDatabase(testDatabaseUrl());

/**
 * What one overview costs today: the cards (11: the organisation's time zone, 2 for who is
 * cleared to ship — the readiness aggregate and the sign-off facts of the signed-off
 * deployments, which the gate's rules then judge — the active count, one COUNT per deployment
 * card (6), templates due, overdue maintenance); the list (5: the time zone, its count, its
 * page's ids in order, the page's rows with owners and templates joined in, one readiness
 * aggregate); facets (3).
 * Changing it is a deliberate decision: a per-deployment or per-item query would grow with the data below.
 */
const OVERVIEW_STATEMENT_BUDGET = 19;

/** A checklist with `perSection` nested items in each of four sections (4 × perSection × 2 leaves). */
function largeChecklistMarkdown(title: string, perSection: number): string {
  const section = (heading: string) => [
    `## ${heading}`,
    ...Array.from({ length: perSection }, (_, i) => [
      `- [ ] **Check ${heading} ${i + 1}**`,
      `  - [ ] ${heading} ${i + 1} step a`,
      `  - [ ] ${heading} ${i + 1} step b`,
    ]).flat(),
    "",
  ];
  return [
    `# ${title}`,
    "",
    ...section("CRITICAL"),
    ...section("HIGH"),
    ...section("RECOMMENDED"),
    ...section("Post-deployment verification"),
  ].join("\n");
}

async function overviewStatements(filters = {}) {
  const parsed = deploymentFiltersSchema.parse(filters);
  statements.reset();
  const overview = await loadOverview(parsed);
  return { overview, count: statements.count(), sql: statements.statements() };
}

describe("overview query count", () => {
  const service = uniqueKey("svc");
  let engineerId = "";

  beforeAll(async () => {
    const engineer = await createTestUser(prisma, "ENGINEER");
    engineerId = engineer.id;
    const small = await importSmallTemplate(prisma);
    for (let i = 0; i < 3; i++) {
      await createDeployment(engineer, {
        service,
        environment: `env-${i}`,
        version: "1.0.0",
        templateVersionId: small.versionId,
      });
    }
    // Opens the pool's connections, so the measured runs count statements, not handshakes.
    await loadOverview(deploymentFiltersSchema.parse({}));
  });

  it("is the same number of statements for 3 deployments and for 40 with many items each", async () => {
    const few = await overviewStatements({ service });
    expect(few.overview.deployments.total).toBe(3);
    expect(few.count).toBeGreaterThan(0);
    expect(few.count, few.sql.join("\n---\n")).toBe(OVERVIEW_STATEMENT_BUDGET);

    const large = await createTemplateFromMarkdown(
      { actorLabel: "test" },
      { source: largeChecklistMarkdown(`Large ${service}`, 30) },
      { db: prisma },
    );
    const owner = { id: engineerId, role: "ENGINEER" as const };
    for (let i = 0; i < 37; i++) {
      await createDeployment(owner, {
        service,
        environment: `large-${i}`,
        version: "2.0.0",
        templateVersionId: large.versionId,
      });
    }
    // Tick a share of the items so readiness varies per row (and the aggregate has work to do).
    await prisma.$executeRaw`UPDATE "ItemState" st SET status = 'DONE' FROM "Deployment" d
      WHERE d.id = st."deploymentId" AND d.service = ${service} AND abs(hashtext(st.id)) % 3 <> 0`;

    const many = await overviewStatements({ service });
    expect(many.overview.deployments.total).toBe(40);
    expect(many.overview.deployments.rows).toHaveLength(25);
    const itemStates = await prisma.itemState.count({ where: { deployment: { service } } });
    expect(itemStates).toBeGreaterThan(37 * 240);
    expect(many.count, many.sql.join("\n---\n")).toBe(few.count);
  });

  it("aggregates readiness in SQL: the rows carry progress without loading item rows", async () => {
    const { overview, sql } = await overviewStatements({ service });
    expect(overview.deployments.rows.some((row) => row.readiness.score > 0)).toBe(true);
    // No statement reads ItemState except grouped aggregates.
    const itemReads = sql.filter((text) => /"ItemState"/.test(text));
    expect(itemReads.length).toBeGreaterThan(0);
    expect(itemReads.every((text) => /COUNT\(\*\)/i.test(text))).toBe(true);
  });

  it("stays the same without filters, where the page shows everyone's deployments", async () => {
    const { count } = await overviewStatements();
    expect(count).toBe(OVERVIEW_STATEMENT_BUDGET);
  });
});
