"use client";

import { timelineEntryAction } from "@/app/(app)/procedures/actions";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { timelineEntrySchema } from "@/lib/procedures/schemas";

/** Adds a free-text entry to the run's timeline; the server stamps who and when. */
export function TimelineForm({ runId }: { runId: string }) {
  // One message, at the field: its own sentence (never "body: …").
  const {
    onSubmit,
    pending,
    message: error,
  } = useServerForm({
    schema: timelineEntrySchema,
    read: (fields) => ({ runId, body: fields.text("body") }),
    invalidMessage: "first",
    action: timelineEntryAction,
    success: "Added to the timeline",
    resetOnSuccess: true,
  });

  return (
    <form noValidate onSubmit={onSubmit} className="mt-3 space-y-2">
      <label htmlFor="timeline-body" className="block text-sm font-medium">
        Timeline entry
      </label>
      <textarea
        id="timeline-body"
        name="body"
        rows={2}
        placeholder="What happened, what was decided, who was told"
        className={inputStyles}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "timeline-error" : undefined}
      />
      {error ? (
        <p id="timeline-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={buttonStyles.secondary}>
        {pending ? "Adding…" : "Add to timeline"}
      </button>
    </form>
  );
}
