// Real rows for the fuzz tests to aim at: a deployment in review, a procedure run, a
// maintenance list, users. Their ids are mixed into generated inputs.
import type { PrismaClient } from "@/lib/db/client";
import { generateOccurrences } from "@/lib/maintenance/generate-occurrences";
import { startProcedureRun } from "@/lib/procedures/start-run";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { createTestUser, uniqueKey } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

export type FuzzFixture = Awaited<ReturnType<typeof createFuzzFixture>>;

const procedureMarkdown = (title: string) =>
  [
    "# " + title,
    "",
    "## CRITICAL",
    "- [ ] Secrets rotated",
    "",
    "## Weekly",
    "- [ ] Review logs",
    "",
    "## Incident response procedure",
    "1. Contain",
    "2. Communicate",
    "",
  ].join("\n");

export async function createFuzzFixture(prisma: PrismaClient) {
  const admin = await createTestUser(prisma, "ADMIN");
  const adminUser = { ...admin, email: `${uniqueKey("fuzz-admin")}@example.test` };
  const review = await deploymentInReview(prisma);
  const template = await createTemplateFromMarkdown(
    { actorLabel: "fuzz" },
    { source: procedureMarkdown(`Fuzz ${uniqueKey()}`) },
    { db: prisma },
  );
  const sections = await prisma.section.findMany({
    where: { templateVersionId: template.versionId },
    select: { id: true, kind: true },
  });
  const procedure = sections.find((s) => s.kind === "PROCEDURE")!;
  const maintenance = sections.find((s) => s.kind === "MAINTENANCE")!;
  const run = await startProcedureRun(adminUser, { sectionId: procedure.id, title: "Fuzz run", severity: "SEV3" });
  const schedule = await prisma.maintenanceSchedule.create({
    data: { sectionId: maintenance.id, scopeKey: `fuzz-${uniqueKey()}/prod`, cadence: "WEEKLY", ownerId: admin.id },
  });
  await generateOccurrences({ actorLabel: "fuzz" }, { scheduleIds: [schedule.id] }, { db: prisma });
  const task = await prisma.maintenanceTask.findFirst({
    where: { occurrence: { scheduleId: schedule.id } },
    select: { id: true, occurrenceId: true },
  });
  const leaves = await review.leaves();
  const ids = [
    admin.id,
    review.owner.id,
    review.reviewers[0]!.id,
    review.deploymentId,
    ...leaves.map((leaf) => leaf.id),
    template.templateId,
    template.versionId,
    procedure.id,
    maintenance.id,
    run.id,
    schedule.id,
    ...(task ? [task.id, task.occurrenceId] : []),
    await review.digest(),
  ];
  return { admin: adminUser, review, template, procedure, maintenance, run, ids };
}
