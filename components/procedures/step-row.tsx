"use client";

import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { completeStepAction, skipStepAction, stepNoteAction } from "@/app/(app)/procedures/actions";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { StepStatusBadge } from "@/components/procedures/severity-badge";
import { formFields } from "@/components/ui/form-fields";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/format";
import type { RunStep } from "@/lib/procedures/queries";
import { skipStepSchema, stepNoteSchema } from "@/lib/procedures/schemas";
import { splitStepText } from "@/lib/procedures/step-text";

type Props = { runId: string; step: RunStep; canAct: boolean };

/** What a person does to a step; one hook for all three, so one message and one pending state. */
type StepCall =
  | { kind: "done" }
  | { kind: "skip"; input: z.infer<typeof skipStepSchema> }
  | { kind: "note"; input: z.infer<typeof stepNoteSchema> };

/** One step of a run: its text, outcome, who and when, and the controls to settle it. */
export function StepRow({ runId, step, canAct }: Props) {
  const [mode, setMode] = useState<"idle" | "skip" | "note">("idle");
  const { title, details } = splitStepText(step.text);
  const n = step.position;
  const errorId = `step-error-${n}`;
  const {
    run,
    reject,
    pending,
    message: error,
  } = useServerAction({
    action: (call: StepCall) =>
      call.kind === "done"
        ? completeStepAction({ runId, position: n })
        : call.kind === "skip"
          ? skipStepAction(call.input)
          : stepNoteAction(call.input),
    success: (_done, call) =>
      call.kind === "done"
        ? `Step ${n} done`
        : call.kind === "skip"
          ? `Skipped step ${n}`
          : `Added a note to step ${n}`,
    onSuccess: () => setMode("idle"),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = formFields(event.currentTarget).text("text");
    if (mode === "skip") {
      const parsed = skipStepSchema.safeParse({ runId, position: n, reason: text });
      if (parsed.success) void run({ kind: "skip", input: parsed.data });
      else reject(parsed.error.issues[0]!.message);
    } else {
      const parsed = stepNoteSchema.safeParse({ runId, position: n, note: text });
      if (parsed.success) void run({ kind: "note", input: parsed.data });
      else reject(parsed.error.issues[0]!.message);
    }
  }

  return (
    <li data-step-row={n} className="flex gap-3 py-3">
      <span
        aria-hidden="true"
        className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-bold dark:bg-slate-800"
      >
        {n}
      </span>
      <div className="min-w-0 flex-1 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <span
            className={step.status === "PENDING" ? "font-medium" : "font-medium text-slate-500 dark:text-slate-400"}
          >
            <InlineMarkdown text={title} />
          </span>
          <StepStatusBadge status={step.status} />
        </div>
        {details.length ? (
          <ul className="mt-1 list-disc pl-5 text-slate-600 dark:text-slate-400">
            {details.map((detail, index) => (
              <li key={index} style={{ marginLeft: `${detail.depth * 1.25}rem` }}>
                <InlineMarkdown text={detail.text} />
              </li>
            ))}
          </ul>
        ) : null}
        {step.status !== "PENDING" ? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {step.status === "DONE" ? "Done" : "Skipped"} by {step.actor ?? "a former user"} ·{" "}
            {formatDateTime(step.actedAt)}
          </p>
        ) : null}
        {step.skipReason ? (
          <p className="mt-1 whitespace-pre-wrap text-xs">Reason for skipping: {step.skipReason}</p>
        ) : null}
        {step.note ? <p className="mt-1 whitespace-pre-wrap text-xs">Note: {step.note}</p> : null}

        {canAct ? (
          <div className="mt-2 flex flex-wrap gap-2">
            {step.status === "PENDING" ? (
              <>
                <button
                  type="button"
                  disabled={pending}
                  className={buttonStyles.secondary}
                  aria-label={`Mark step ${n} done`}
                  onClick={() => void run({ kind: "done" })}
                >
                  Mark done
                </button>
                <button
                  type="button"
                  disabled={pending}
                  className={buttonStyles.ghost}
                  aria-label={`Skip step ${n}`}
                  aria-expanded={mode === "skip"}
                  onClick={() => setMode("skip")}
                >
                  Skip…
                </button>
              </>
            ) : null}
            <button
              type="button"
              disabled={pending}
              className={buttonStyles.ghost}
              aria-label={`Add a note to step ${n}`}
              aria-expanded={mode === "note"}
              onClick={() => setMode("note")}
            >
              Add note…
            </button>
          </div>
        ) : null}

        {mode !== "idle" ? (
          <form noValidate onSubmit={submit} className="mt-2 space-y-2">
            <label htmlFor={`step-${n}-${mode}`} className="block text-xs font-medium">
              {mode === "skip" ? `Reason for skipping step ${n}` : `Note for step ${n}`}
            </label>
            <textarea
              id={`step-${n}-${mode}`}
              name="text"
              rows={2}
              required={mode === "skip"}
              autoFocus
              className={inputStyles}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            <div className="flex gap-2">
              <button type="submit" disabled={pending} className={buttonStyles.primary}>
                {mode === "skip" ? "Skip step" : "Save note"}
              </button>
              <button type="button" className={buttonStyles.ghost} onClick={() => setMode("idle")}>
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        {error ? (
          <p id={errorId} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
