// The list's SQL aggregates give the numbers the readiness module gives for a loaded
// checklist: many random checklists (priorities including none, pre- and post-deployment,
// maintenance sections that never count, nested items, every item status, the odd leaf
// without a state) and random sign-off histories are stored, then progressByDeployment and
// clearedToShipByDeployment (SQL) are compared with the readiness module applied to the
// generated states, with getChecklist and with the gate.
//
// Stored directly: a template version through the store-version helper (insertVersion),
// then its deployment, item states and sign-offs with createMany, one transaction a run:
// the use cases would refuse most of the states generated here, which is the point.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluateGate } from "@/lib/api/v1/gate";
import {
  computeReadiness,
  computeVerification,
  gateRefusals,
  type Counts,
  type PriorityKey,
  type ReadinessCounts,
} from "@/lib/checklists/readiness";
import { getChecklist } from "@/lib/deployments/get-checklist";
import {
  clearedToShipByDeployment,
  clearedToShipIds,
  progressByDeployment,
  signOffFactsByDeployment,
} from "@/lib/deployments/readiness-query";
import { deploymentStatuses, type DeploymentStatus } from "@/lib/deployments/lifecycle";
import { countDeployments, listContext, type ListFilters } from "@/lib/deployments/list-query";
import type { Priority } from "@/lib/generated/prisma/enums";
import { insertVersion } from "@/lib/templates/store-version";
import type { StructureItem, TemplateStructure } from "@/lib/templates/structure";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

type LeafStatus = "OPEN" | "DONE" | "NOT_APPLICABLE" | "MISSING";
type GenItem = { status: LeafStatus; children: GenItem[] };
type GenSection = {
  kind: "PRE_DEPLOYMENT" | "POST_DEPLOYMENT" | "MAINTENANCE";
  priority: Priority | null;
  items: GenItem[];
};
type GenSignOff = {
  decision: "APPROVED" | "REJECTED";
  /** Minutes before now. */
  ageMinutes: number;
  /** Days from now; negative is in the past. */
  nextReviewInDays: number | null;
  invalidation: null | { minutesAfter: number; byRejection: boolean };
};
type GenChecklist = {
  sections: GenSection[];
  status: DeploymentStatus;
  requiredApprovals: number;
  signOffs: GenSignOff[];
};

const leafStatus = fc.constantFrom<LeafStatus>("OPEN", "DONE", "NOT_APPLICABLE", "MISSING", "DONE", "OPEN");
const item: fc.Arbitrary<GenItem> = fc.letrec<{ item: GenItem }>((tie) => ({
  item: fc.record({
    status: leafStatus,
    children: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant<GenItem[]>([]),
      fc.array(tie("item"), { maxLength: 3 }),
    ),
  }),
})).item;
const section: fc.Arbitrary<GenSection> = fc.record({
  kind: fc.constantFrom("PRE_DEPLOYMENT", "POST_DEPLOYMENT", "PRE_DEPLOYMENT", "MAINTENANCE"),
  priority: fc.constantFrom<Priority | null>("CRITICAL", "HIGH", "RECOMMENDED", null),
  items: fc.array(item, { maxLength: 6 }),
});
const signOff: fc.Arbitrary<GenSignOff> = fc.record({
  decision: fc.constantFrom("APPROVED", "APPROVED", "REJECTED"),
  ageMinutes: fc.integer({ min: 1, max: 10_000 }),
  nextReviewInDays: fc.option(fc.integer({ min: -30, max: 90 })),
  invalidation: fc.option(fc.record({ minutesAfter: fc.integer({ min: 0, max: 10_000 }), byRejection: fc.boolean() }), {
    freq: 3,
  }),
});
const checklist: fc.Arbitrary<GenChecklist> = fc.record({
  sections: fc.array(section, { maxLength: 6 }),
  // Signed off more often than the rest: "cleared to ship" is decided there.
  status: fc.constantFrom<DeploymentStatus>(...deploymentStatuses, "SIGNED_OFF", "SIGNED_OFF", "SIGNED_OFF"),
  requiredApprovals: fc.integer({ min: 1, max: 3 }),
  // Distinct times, so "the last decision" is one decision for SQL and for Prisma alike.
  signOffs: fc.uniqueArray(signOff, { maxLength: 4, selector: (s) => s.ageMinutes }),
});

/** The expected counts, walked over the generated tree: leaves only, a missing state is open. */
function expectedCounts(generated: GenChecklist): { readiness: ReadinessCounts; verification: Counts } {
  const readiness: ReadinessCounts = {};
  const verification: Counts = { total: 0, done: 0, notApplicable: 0 };
  const add = (counts: Counts, items: GenItem[]): void =>
    items.forEach((i) => {
      if (i.children.length) return add(counts, i.children);
      counts.total++;
      if (i.status === "DONE") counts.done++;
      if (i.status === "NOT_APPLICABLE") counts.notApplicable++;
    });
  for (const s of generated.sections) {
    if (s.kind === "PRE_DEPLOYMENT") {
      const key: PriorityKey = s.priority ?? "NONE";
      add((readiness[key] ??= { total: 0, done: 0, notApplicable: 0 }), s.items);
    }
    if (s.kind === "POST_DEPLOYMENT") add(verification, s.items);
  }
  return { readiness, verification };
}

describe("readiness: the SQL aggregates and the readiness module agree", () => {
  const now = new Date();
  let templateId = "";
  let ownerId = "";
  let reviewerId = "";
  let versionNumber = 0;

  beforeAll(async () => {
    const [owner, reviewer] = await Promise.all([
      createTestUser(prisma, "ENGINEER"),
      createTestUser(prisma, "REVIEWER"),
    ]);
    ownerId = owner.id;
    reviewerId = reviewer.id;
    const slug = uniqueKey("readiness-property");
    templateId = (await prisma.template.create({ data: { slug, name: slug }, select: { id: true } })).id;
  });

  /** Stores one generated checklist as a deployment of a new version; its id. */
  async function store(generated: GenChecklist): Promise<string> {
    let key = 0;
    const statuses = new Map<string, LeafStatus>();
    const toStructure = (items: GenItem[]): StructureItem[] =>
      items.map((i) => {
        const itemKey = `i${key++}`;
        if (i.children.length === 0) statuses.set(itemKey, i.status);
        return { key: itemKey, text: `Item ${itemKey}`, children: toStructure(i.children) };
      });
    const structure: TemplateStructure = {
      title: "Property checklist",
      reviewIntervalDays: 90,
      sections: generated.sections.map((s, index) => ({
        key: `s${index}`,
        title: `Section ${index}`,
        kind: s.kind,
        priority: s.kind === "MAINTENANCE" ? null : s.priority,
        cadence: s.kind === "MAINTENANCE" ? "WEEKLY" : null,
        content: null,
        items: toStructure(s.items),
      })),
    };
    return prisma.$transaction(async (tx) => {
      const versionId = await insertVersion(tx, {
        templateId,
        number: ++versionNumber,
        structure,
        sourceMarkdown: "",
        createdById: null,
        requiredApprovals: generated.requiredApprovals,
      });
      const { id } = await tx.deployment.create({
        data: {
          service: uniqueKey("prop"),
          environment: "prod",
          version: "1.0.0",
          status: generated.status,
          ownerId,
          templateVersionId: versionId,
        },
        select: { id: true },
      });
      const items = await tx.item.findMany({
        where: { templateVersionId: versionId, isLeaf: true, section: { kind: { not: "MAINTENANCE" } } },
        select: { id: true, key: true },
      });
      await tx.itemState.createMany({
        data: items
          .filter((i) => statuses.get(i.key) !== "MISSING")
          .map((i) => {
            const status = statuses.get(i.key) as Exclude<LeafStatus, "MISSING">;
            return {
              deploymentId: id,
              itemId: i.id,
              status,
              naReason: status === "NOT_APPLICABLE" ? "Not on this release" : null,
            };
          }),
      });
      const minutes = (m: number) => new Date(now.getTime() + m * 60_000);
      await tx.signOff.createMany({
        data: generated.signOffs.map((s) => {
          const createdAt = minutes(-s.ageMinutes);
          // An invalidation happens after the approval, and not in the future.
          const invalidatedAt = s.invalidation
            ? new Date(Math.min(createdAt.getTime() + s.invalidation.minutesAfter * 60_000, now.getTime()))
            : null;
          return {
            deploymentId: id,
            reviewerId,
            decision: s.decision,
            comment: "Property",
            digest: "0".repeat(64),
            digestVersion: 2,
            createdAt,
            nextReviewAt: s.nextReviewInDays === null ? null : minutes(s.nextReviewInDays * 24 * 60),
            ...(s.decision === "APPROVED" && s.invalidation
              ? {
                  invalidatedAt,
                  invalidationReason: s.invalidation.byRejection ? "Rejected by a reviewer" : "Item changed",
                }
              : {}),
          };
        }),
      });
      return id;
    });
  }

  it("on many generated checklists, per priority, for verification and for cleared to ship", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(checklist, async (generated) => {
        const id = await store(generated);
        const expected = expectedCounts(generated);
        const progress = (await progressByDeployment([id])).get(id)!;
        expect(progress.readiness).toEqual(computeReadiness(expected.readiness));
        expect(progress.verification).toEqual(computeVerification(expected.verification));

        // The gate reads the loaded checklist. Its rules applied to the SQL facts refuse for
        // the reasons it gives, and cleared to ship is exactly "signed off and 200".
        const gate = (await evaluateGate(id, now))!;
        const facts = (await signOffFactsByDeployment([id])).get(id)!;
        expect(gateRefusals(progress.readiness, facts, now)).toEqual(gate.ready ? [] : gate.reasons.map((r) => r.code));
        const cleared = (await clearedToShipByDeployment([id], now)).get(id)!;
        expect(cleared, JSON.stringify(gate)).toBe(generated.status === "SIGNED_OFF" && gate.ready);

        // The lists' SQL filters (list-query.ts) pick this deployment exactly when the
        // readiness module says so: its verdict, open verification, cleared to ship.
        const service = (await prisma.deployment.findUniqueOrThrow({ where: { id }, select: { service: true } }))
          .service;
        const context = await listContext({ signoff: "cleared" }, now);
        const matches = async (filters: ListFilters) =>
          (await countDeployments({ service, ...filters }, {}, context)) === 1;
        const verdict = computeReadiness(expected.readiness).verdict;
        for (const candidate of ["NO_GO", "GO_WITH_RISKS", "GO"] as const)
          expect(await matches({ verdict: candidate }), candidate).toBe(candidate === verdict);
        expect(await matches({ verification: "open" })).toBe(
          generated.status === "DEPLOYED" && computeVerification(expected.verification).open > 0,
        );
        expect(await matches({ signoff: "cleared" })).toBe(cleared);

        // And, every few runs, the checklist page's own numbers (the TypeScript walk of the tree).
        if (run++ % 8 === 0) {
          const loaded = (await getChecklist(id))!;
          expect(loaded.readiness).toEqual(progress.readiness);
          expect(loaded.verification).toEqual(progress.verification);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("Cleared to ship is the signed-off deployments the gate passes", async () => {
    // One snapshot (other test files write at the same time): the count and the gate's
    // verdict on each signed-off deployment read the same rows.
    const { cleared, gates, signedOff } = await prisma.$transaction(
      async (tx) => {
        const signedOff = await tx.deployment.findMany({ where: { status: "SIGNED_OFF" }, select: { id: true } });
        const gates = await Promise.all(signedOff.map((d) => evaluateGate(d.id, now, { db: tx })));
        return { cleared: await clearedToShipIds(now, tx), gates, signedOff };
      },
      { isolationLevel: "RepeatableRead", timeout: 60_000 },
    );
    expect(gates.length).toBeGreaterThan(0);
    expect(cleared.sort()).toEqual(
      signedOff
        .filter((_, index) => gates[index]!.ready)
        .map((d) => d.id)
        .sort(),
    );
  });

  it("on many deployments at once, each gets its own numbers", async () => {
    const generated = fc.sample(checklist, 25);
    const ids = [];
    for (const g of generated) ids.push(await store(g));
    const progress = await progressByDeployment(ids);
    ids.forEach((id, index) => {
      const expected = expectedCounts(generated[index]!);
      expect(progress.get(id)!.readiness).toEqual(computeReadiness(expected.readiness));
      expect(progress.get(id)!.verification).toEqual(computeVerification(expected.verification));
    });
  });
});
