import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addTimelineEntry } from "@/lib/procedures/timeline";
import { runToMarkdown } from "@/lib/procedures/export-markdown";
import { finishProcedureRun } from "@/lib/procedures/finish-run";
import { getRun, listActiveRuns, listRuns } from "@/lib/procedures/queries";
import { skipStepSchema } from "@/lib/procedures/schemas";
import { startProcedureRun } from "@/lib/procedures/start-run";
import { addStepNote, completeStep, skipStep } from "@/lib/procedures/update-step";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const referenceChecklist = readFileSync(path.resolve(process.cwd(), "prisma/seed/production-security-checklist.md"));

async function setUp() {
  const engineer = await createTestUser(prisma, "ENGINEER");
  const reviewer = await createTestUser(prisma, "REVIEWER");
  const template = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: referenceChecklist, slug: uniqueKey("security") },
    { db: prisma },
  );
  const section = await prisma.section.findFirstOrThrow({
    where: { templateVersionId: template.versionId, title: "Security Incident Response" },
  });
  return { engineer, reviewer, template, section };
}

async function startedRun() {
  const context = await setUp();
  const run = await startProcedureRun(context.engineer, {
    sectionId: context.section.id,
    title: `Leaked key ${uniqueKey()}`,
    severity: "SEV1",
  });
  return { ...context, runId: run.id };
}

describe("procedure runs", () => {
  it("start from the seed's Security Incident Response section with its 7 steps in order", async () => {
    const { engineer, section } = await setUp();
    const started = await startProcedureRun(engineer, {
      sectionId: section.id,
      title: "Leaked AWS key",
      severity: "SEV2",
    });
    expect(started.steps).toBe(7);
    const run = (await getRun(started.id))!;
    expect(run).toMatchObject({
      title: "Leaked AWS key",
      severity: "SEV2",
      status: "ACTIVE",
      procedure: "Security Incident Response",
      startedBy: "Test ENGINEER",
    });
    expect(run.steps.map((s) => [s.position, s.text, s.status])).toEqual([
      [1, "Isolate affected systems", "PENDING"],
      [2, "Rotate all credentials immediately", "PENDING"],
      [3, "Review audit logs", "PENDING"],
      [4, "Notify affected users (if data breach)", "PENDING"],
      [5, "Document incident details", "PENDING"],
      [6, "Implement corrective measures", "PENDING"],
      [7, "Post-mortem analysis", "PENDING"],
    ]);
    expect((await listActiveRuns()).map((r) => r.id)).toContain(started.id);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "procedure.run.start", entityId: started.id },
    });
    expect(audit).toMatchObject({
      actorId: engineer.id,
      after: expect.objectContaining({ severity: "SEV2", steps: 7 }),
    });
  });

  it("refuse a section that is not a procedure, and viewers", async () => {
    const { engineer, template, section } = await setUp();
    const weekly = await prisma.section.findFirstOrThrow({
      where: { templateVersionId: template.versionId, title: "Weekly" },
    });
    await expect(
      startProcedureRun(engineer, { sectionId: weekly.id, title: "x", severity: "SEV3" }),
    ).rejects.toMatchObject({ status: 400 });
    const viewer = await createTestUser(prisma, "VIEWER");
    await expect(
      startProcedureRun(viewer, { sectionId: section.id, title: "x", severity: "SEV3" }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await prisma.procedureRun.count({ where: { sectionId: { in: [weekly.id, section.id] } } })).toBe(0);
  });

  it("mark steps done (who and when) or skipped with a reason; a settled step is not settled twice", async () => {
    const { engineer, reviewer, runId } = await startedRun();
    await completeStep(engineer, { runId, position: 1, note: "Pulled the instance from the load balancer" });
    await skipStep(reviewer, { runId, position: 4, reason: "No personal data was exposed" });
    await addStepNote(reviewer, { runId, position: 1, note: "Snapshot kept for forensics" });
    const run = (await getRun(runId))!;
    expect(run.steps[0]).toMatchObject({
      status: "DONE",
      actor: "Test ENGINEER",
      note: "Pulled the instance from the load balancer\n\nSnapshot kept for forensics",
    });
    expect(run.steps[0]!.actedAt).toBeInstanceOf(Date);
    expect(run.steps[3]).toMatchObject({
      status: "SKIPPED",
      actor: "Test REVIEWER",
      skipReason: "No personal data was exposed",
    });
    await expect(completeStep(reviewer, { runId, position: 1 })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Step 1 was already marked done by Test ENGINEER at /),
    });
    await expect(skipStep(engineer, { runId, position: 4, reason: "again" })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("already skipped by Test REVIEWER"),
    });
  });

  it("refuse a skip without a reason at the boundary, and a step out of range with 404, writing nothing", async () => {
    const { engineer, runId } = await startedRun();
    const parsed = skipStepSchema.safeParse({ runId, position: 2, reason: "   " });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ["reason"],
      message: "Enter the reason for skipping this step.",
    });
    expect(skipStepSchema.safeParse({ runId, position: 0, reason: "x" }).success).toBe(false);

    const before = await prisma.auditEvent.count({ where: { actorId: engineer.id } });
    await expect(completeStep(engineer, { runId, position: 8 })).rejects.toMatchObject({
      status: 404,
      message: "Step 8 does not exist; this run has 7 steps.",
    });
    await expect(skipStep(engineer, { runId, position: 99, reason: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(completeStep(engineer, { runId: "no-such-run", position: 1 })).rejects.toMatchObject({
      status: 404,
      message: "That procedure run does not exist.",
    });
    expect(await prisma.auditEvent.count({ where: { actorId: engineer.id } })).toBe(before);
    expect(await prisma.procedureStep.count({ where: { runId, status: { not: "PENDING" } } })).toBe(0);
  });

  it("refuse to finish while steps are pending (409 naming how many), then finish once all are settled", async () => {
    const { engineer, reviewer, runId } = await startedRun();
    for (const position of [1, 2, 3, 5, 6]) await completeStep(engineer, { runId, position });
    await expect(finishProcedureRun(engineer, { runId })).rejects.toMatchObject({
      status: 409,
      message: "2 steps are still pending (steps 4, 7); mark each done or skip it with a reason before finishing.",
      details: { pending: [4, 7] },
    });
    await skipStep(reviewer, { runId, position: 4, reason: "No user data involved" });
    await expect(finishProcedureRun(engineer, { runId })).rejects.toThrow("1 step is still pending (step 7)");
    await completeStep(reviewer, { runId, position: 7, note: "Post-mortem scheduled for Friday" });
    const { finishedAt } = await finishProcedureRun(reviewer, { runId });
    const run = (await getRun(runId))!;
    expect(run).toMatchObject({ status: "FINISHED", finishedAt, finishedBy: "Test REVIEWER" });
    expect((await listActiveRuns()).map((r) => r.id)).not.toContain(runId);
    expect((await listRuns()).find((r) => r.id === runId)).toMatchObject({ status: "FINISHED", settled: 7, total: 7 });
    await expect(completeStep(engineer, { runId, position: 1 })).rejects.toMatchObject({
      status: 409,
      message: "This run is finished; its steps can no longer change.",
    });
    await expect(finishProcedureRun(engineer, { runId })).rejects.toMatchObject({
      status: 409,
      message: "This run is already finished.",
    });
  });

  it("export a Markdown timeline with steps, notes, skip reasons, entries, times and people", async () => {
    const { engineer, reviewer, runId } = await startedRun();
    await completeStep(engineer, { runId, position: 1, note: "Instance isolated" });
    await addTimelineEntry(reviewer, { runId, body: "Paged the database team" });
    await skipStep(reviewer, { runId, position: 2, reason: "Keys were never exposed" });
    for (const position of [3, 4, 5, 6, 7]) await completeStep(engineer, { runId, position });
    await finishProcedureRun(engineer, { runId });
    await addTimelineEntry(engineer, { runId, body: "Post-mortem notes added" });

    const markdown = runToMarkdown((await getRun(runId))!);
    expect(markdown).toMatch(/^# Leaked key /);
    expect(markdown).toContain("- **Severity:** SEV1");
    expect(markdown).toContain("1. ✅ Done: Isolate affected systems");
    expect(markdown).toMatch(/ {3}- Done by Test ENGINEER at .+ UTC\n {3}- Note: Instance isolated/);
    expect(markdown).toContain("2. ⏭️ Skipped: Rotate all credentials immediately");
    expect(markdown).toContain("   - Reason for skipping: Keys were never exposed");
    expect(markdown).toContain("7. ✅ Done: Post-mortem analysis");
    expect(markdown).toMatch(/## Timeline\n\n- \*\*.+ UTC\*\* · Test ENGINEER · Started the run \(SEV1\)\./);
    expect(markdown).toMatch(/· Test REVIEWER · Paged the database team/);
    expect(markdown).toMatch(
      /· Test REVIEWER · Step 2 skipped: Rotate all credentials immediately \(reason: Keys were never exposed\)/,
    );
    expect(markdown).toMatch(/· Test ENGINEER · Finished the run\.\n.*· Test ENGINEER · Post-mortem notes added\n$/);
  });

  it("write an audit event for every change", async () => {
    const { engineer, runId } = await startedRun();
    await completeStep(engineer, { runId, position: 1 });
    await skipStep(engineer, { runId, position: 2, reason: "n/a" });
    await addStepNote(engineer, { runId, position: 3, note: "Looking" });
    const entry = await addTimelineEntry(engineer, { runId, body: "Update" });
    for (const position of [3, 4, 5, 6, 7]) await completeStep(engineer, { runId, position });
    await finishProcedureRun(engineer, { runId });
    const steps = await prisma.procedureStep.findMany({ where: { runId }, select: { id: true } });
    const events = await prisma.auditEvent.findMany({
      where: { entityId: { in: [runId, entry.id, ...steps.map((s) => s.id)] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "procedure.run.start",
      "procedure.step.done",
      "procedure.step.skip",
      "procedure.step.note",
      "procedure.timeline.add",
      ...Array(5).fill("procedure.step.done"),
      "procedure.run.finish",
    ]);
    expect(events.every((e) => e.actorId === engineer.id)).toBe(true);
  });
});
