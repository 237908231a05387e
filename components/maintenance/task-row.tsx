"use client";

import { useState } from "react";
import { assignTaskAction, completeTaskAction } from "@/app/(app)/maintenance/actions";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { useServerForm } from "@/components/ui/use-server-form";
import { plainText } from "@/lib/checklists/plain-text";
import { formatDateTime } from "@/lib/format";
import type { TaskView } from "@/lib/maintenance/board";
import { completeTaskSchema } from "@/lib/maintenance/schemas";
import { ExternalLink } from "@/components/ui/external-link";

type Props = {
  occurrenceId: string;
  task: TaskView;
  canComplete: boolean;
  canAssign: boolean;
  workers: { id: string; name: string }[];
};

/** One task of a list: its state, and (for those allowed) completing it with a note and evidence. */
export function TaskRow({ occurrenceId, task, canComplete, canAssign, workers }: Props) {
  const [open, setOpen] = useState(false);
  const name = plainText(task.text);
  const ids = { note: `note-${task.id}`, evidence: `evidence-${task.id}`, error: `task-error-${task.id}` };
  const complete = useServerForm({
    schema: completeTaskSchema,
    read: (fields) => ({
      occurrenceId,
      taskId: task.id,
      note: fields.text("note"),
      evidenceUrl: fields.text("evidenceUrl").trim(),
    }),
    action: completeTaskAction,
    invalidMessage: "first",
    success: `Completed “${name}”`,
    onSuccess: () => setOpen(false),
  });
  const assign = useServerAction({
    action: (assigneeId: string | null) => assignTaskAction({ occurrenceId, taskId: task.id, assigneeId }),
    success: (_assigned, assigneeId) => (assigneeId ? `Assigned “${name}”` : `Unassigned “${name}”`),
  });
  const pending = complete.pending || assign.pending;
  // One message for both fields, in words: the field's own sentence, not "note: …".
  const { message: error, fieldErrors } = complete;

  return (
    // My work links here (#task-<id>): the target is marked so the eye finds it.
    <li
      id={`task-${task.id}`}
      data-task-row
      className="scroll-mt-4 py-2 text-sm target:rounded-md target:bg-brand-50 target:ring-2 target:ring-brand-500 dark:target:bg-slate-800"
    >
      <div className="flex flex-wrap items-start gap-2">
        <span aria-hidden="true" className={task.completedAt ? "text-emerald-600" : "text-slate-400"}>
          {task.completedAt ? "✓" : "○"}
        </span>
        <span
          className={`min-w-0 flex-1 ${task.completedAt ? "text-slate-600 line-through decoration-slate-400 dark:text-slate-400" : ""}`}
        >
          <InlineMarkdown text={task.text} />
          <span className="sr-only">{task.completedAt ? " (completed)" : " (open)"}</span>
        </span>
        {canAssign && !task.completedAt ? (
          <select
            aria-label={`Assignee for “${name}”`}
            defaultValue={task.assignee?.id ?? ""}
            disabled={pending}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
            onChange={(event) => void assign.run(event.target.value || null)}
          >
            <option value="">Unassigned</option>
            {workers.map((worker) => (
              <option key={worker.id} value={worker.id}>
                {worker.name}
              </option>
            ))}
          </select>
        ) : task.assignee ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">Assigned to {task.assignee.name}</span>
        ) : null}
        {canComplete && !task.completedAt && !open ? (
          <button
            type="button"
            className={buttonStyles.ghost}
            aria-label={`Complete “${name}”`}
            onClick={() => setOpen(true)}
          >
            Complete…
          </button>
        ) : null}
      </div>
      {task.completedAt ? (
        <div className="mt-1 space-y-0.5 pl-6 text-xs text-slate-600 dark:text-slate-400">
          <p>
            Completed by {task.completedBy ?? "a former user"} · {formatDateTime(task.completedAt)}
          </p>
          {task.note ? <p className="whitespace-pre-wrap">Note: {task.note}</p> : null}
          {task.evidenceUrl ? (
            <p>
              Evidence: <ExternalLink href={task.evidenceUrl}>{task.evidenceUrl}</ExternalLink>
            </p>
          ) : null}
        </div>
      ) : null}
      {open ? (
        <form
          noValidate
          onSubmit={complete.onSubmit}
          aria-label={`Complete “${name}”`}
          className="mt-2 grid gap-3 rounded-md border border-slate-200 p-3 pl-6 dark:border-slate-800 sm:grid-cols-2"
        >
          <div>
            <label htmlFor={ids.note} className="font-medium">
              Note
            </label>
            <textarea
              id={ids.note}
              name="note"
              rows={2}
              className={`mt-1 ${inputStyles}`}
              aria-invalid={fieldErrors.note ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
            />
          </div>
          <div>
            <label htmlFor={ids.evidence} className="font-medium">
              Evidence link (http or https)
            </label>
            <input
              id={ids.evidence}
              name="evidenceUrl"
              type="url"
              inputMode="url"
              placeholder="https://"
              className={`mt-1 ${inputStyles}`}
              aria-invalid={fieldErrors.evidenceUrl ? true : undefined}
              aria-describedby={error ? ids.error : undefined}
            />
          </div>
          <p
            id={ids.error}
            role="status"
            aria-live="polite"
            className="text-red-700 empty:hidden sm:col-span-2 dark:text-red-400"
          >
            {error}
          </p>
          <div className="flex gap-2 sm:col-span-2">
            <button type="submit" disabled={pending} className={buttonStyles.primary}>
              {pending ? "Saving…" : "Mark complete"}
            </button>
            <button type="button" className={buttonStyles.ghost} onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {assign.message ? (
        <p role="alert" className="mt-1 pl-6 text-xs text-red-700 dark:text-red-400">
          {assign.message}
        </p>
      ) : null}
    </li>
  );
}
