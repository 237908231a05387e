// A run as Markdown for the post-mortem: the facts (severity, who started and finished it
// when), every step with its outcome, notes and skip reasons, and one chronological
// timeline merging step events with the free-text entries. Times are UTC, like the app.
import { formatDateTime } from "@/lib/format";
import type { RunDetail } from "@/lib/procedures/queries";
import { splitStepText } from "@/lib/procedures/step-text";

const outcome = { PENDING: "⬜ Pending", DONE: "✅ Done", SKIPPED: "⏭️ Skipped" } as const;

/** Continuation lines of multi-line text, indented so they stay inside their list item. */
const indent = (text: string, by: string) => text.replace(/\r?\n/g, `\n${by}`);

export function runToMarkdown(run: RunDetail): string {
  const lines = [
    `# ${run.title}`,
    "",
    `- **Procedure:** ${run.procedure} (${run.template.name} v${run.template.versionNumber})`,
    `- **Severity:** ${run.severity}`,
    `- **Status:** ${run.status === "ACTIVE" ? "Active" : "Finished"}`,
    `- **Started:** ${formatDateTime(run.startedAt)} by ${run.startedBy}`,
    `- **Finished:** ${run.finishedAt ? `${formatDateTime(run.finishedAt)}${run.finishedBy ? ` by ${run.finishedBy}` : ""}` : "not yet"}`,
    "",
    "## Steps",
    "",
  ];
  for (const step of run.steps) {
    const { title, details } = splitStepText(step.text);
    lines.push(`${step.position}. ${outcome[step.status]}: ${title}`);
    for (const detail of details) lines.push(`${"   ".repeat(detail.depth + 1)}- ${detail.text}`);
    if (step.status !== "PENDING")
      lines.push(
        `   - ${step.status === "DONE" ? "Done" : "Skipped"} by ${step.actor ?? "a former user"} at ${formatDateTime(step.actedAt)}`,
      );
    if (step.skipReason) lines.push(`   - Reason for skipping: ${indent(step.skipReason, "     ")}`);
    if (step.note) lines.push(`   - Note: ${indent(step.note, "     ")}`);
  }
  lines.push("", "## Timeline", "");
  for (const event of timelineOf(run))
    lines.push(`- **${formatDateTime(event.at)}** · ${event.who} · ${indent(event.what, "  ")}`);
  return `${lines.join("\n")}\n`;
}

type Event = { at: Date; who: string; what: string };

function timelineOf(run: RunDetail): Event[] {
  const events: Event[] = [{ at: run.startedAt, who: run.startedBy, what: `Started the run (${run.severity}).` }];
  for (const step of run.steps) {
    if (step.status === "PENDING" || !step.actedAt) continue;
    const title = splitStepText(step.text).title;
    const what =
      step.status === "DONE"
        ? `Step ${step.position} done: ${title}`
        : `Step ${step.position} skipped: ${title} (reason: ${step.skipReason})`;
    events.push({ at: step.actedAt, who: step.actor ?? "a former user", what });
  }
  for (const entry of run.timeline) events.push({ at: entry.createdAt, who: entry.author, what: entry.body });
  if (run.finishedAt) events.push({ at: run.finishedAt, who: run.finishedBy ?? "—", what: "Finished the run." });
  // Stable sort: events at the same instant keep the order above (start, steps, entries).
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** A safe download name, e.g. "incident-2026-03-02-database-leak.md". */
export function exportFilename(run: Pick<RunDetail, "title" | "startedAt">): string {
  const slug =
    run.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "run";
  return `incident-${run.startedAt.toISOString().slice(0, 10)}-${slug}.md`;
}
