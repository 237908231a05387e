// Reading procedure runs for the list page, the run page, the export and the banner.
import "server-only";
import type { DownloadFile } from "@/lib/api/download";
import { db } from "@/lib/db";
import type { ProcedureRunStatus, ProcedureStepStatus, Severity } from "@/lib/generated/prisma/enums";
import { exportFilename, runToMarkdown } from "@/lib/procedures/export-markdown";
import { isPlausibleId } from "@/lib/validation";

export type RunSummary = {
  id: string;
  title: string;
  severity: Severity;
  status: ProcedureRunStatus;
  procedure: string;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  settled: number;
  total: number;
};

/** What both the list and a run's page show of a run itself. */
const runHeadSelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  startedBy: { select: { name: true } },
} as const;

/** Active runs first (newest first), then the most recent finished ones. */
export async function listRuns(limit = 50): Promise<RunSummary[]> {
  const select = {
    ...runHeadSelect,
    section: { select: { title: true } },
    steps: { select: { status: true } },
  } as const;
  const [active, finished] = await Promise.all([
    db.procedureRun.findMany({ where: { status: "ACTIVE" }, orderBy: { startedAt: "desc" }, select }),
    db.procedureRun.findMany({ where: { status: "FINISHED" }, orderBy: { finishedAt: "desc" }, take: limit, select }),
  ]);
  return [...active, ...finished].map((run) => ({
    id: run.id,
    title: run.title,
    severity: run.severity,
    status: run.status,
    procedure: run.section.title,
    startedBy: run.startedBy.name,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    settled: run.steps.filter((step) => step.status !== "PENDING").length,
    total: run.steps.length,
  }));
}

export type ActiveRun = { id: string; title: string; severity: Severity; startedAt: Date; pending: number };

export async function listActiveRuns(): Promise<ActiveRun[]> {
  const runs = await db.procedureRun.findMany({
    where: { status: "ACTIVE" },
    orderBy: [{ severity: "asc" }, { startedAt: "desc" }],
    select: {
      id: true,
      title: true,
      severity: true,
      startedAt: true,
      _count: { select: { steps: { where: { status: "PENDING" } } } },
    },
  });
  return runs.map(({ _count, ...run }) => ({ ...run, pending: _count.steps }));
}

export type RunStep = {
  position: number;
  text: string;
  status: ProcedureStepStatus;
  note: string | null;
  skipReason: string | null;
  actor: string | null;
  actedAt: Date | null;
};

export type RunDetail = {
  id: string;
  title: string;
  severity: Severity;
  status: ProcedureRunStatus;
  procedure: string;
  template: { id: string; name: string; versionNumber: number };
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** From the audit log: the run has no column for it, and the log is the record anyway. */
  finishedBy: string | null;
  steps: RunStep[];
  timeline: { id: string; author: string; body: string; createdAt: Date }[];
};

export async function getRun(runId: string): Promise<RunDetail | null> {
  if (!isPlausibleId(runId)) return null;
  const run = await db.procedureRun.findUnique({
    where: { id: runId },
    select: {
      ...runHeadSelect,
      section: {
        select: {
          title: true,
          templateVersion: { select: { number: true, template: { select: { id: true, name: true } } } },
        },
      },
      steps: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          text: true,
          status: true,
          note: true,
          skipReason: true,
          actedAt: true,
          actor: { select: { name: true } },
        },
      },
      timeline: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
      },
    },
  });
  if (!run) return null;
  const finish = run.finishedAt
    ? await db.auditEvent.findFirst({
        where: { entityType: "ProcedureRun", entityId: run.id, action: "procedure.run.finish" },
        select: { actor: { select: { name: true } } },
      })
    : null;
  return {
    id: run.id,
    title: run.title,
    severity: run.severity,
    status: run.status,
    procedure: run.section.title,
    template: {
      id: run.section.templateVersion.template.id,
      name: run.section.templateVersion.template.name,
      versionNumber: run.section.templateVersion.number,
    },
    startedBy: run.startedBy.name,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    finishedBy: finish?.actor?.name ?? null,
    steps: run.steps.map(({ actor, ...step }) => ({ ...step, actor: actor?.name ?? null })),
    timeline: run.timeline.map(({ author, ...entry }) => ({ ...entry, author: author.name })),
  };
}

/** The run as a Markdown file for the post-mortem; null when there is no such run. */
export async function exportRunMarkdown(runId: string): Promise<DownloadFile | null> {
  const run = await getRun(runId);
  if (!run) return null;
  return { body: runToMarkdown(run), filename: exportFilename(run), contentType: "text/markdown; charset=utf-8" };
}
