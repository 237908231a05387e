"use client";

import { useRef, type FormEvent } from "react";
import { timelineEntryAction } from "@/app/(app)/procedures/actions";
import { useAction } from "@/components/maintenance/use-action";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { timelineEntrySchema } from "@/lib/procedures/schemas";

/** Adds a free-text entry to the run's timeline; the server stamps who and when. */
export function TimelineForm({ runId }: { runId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { run, reject, pending, error } = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = timelineEntrySchema.safeParse({
      runId,
      body: String(new FormData(event.currentTarget).get("body") ?? ""),
    });
    if (!parsed.success) return reject(parsed.error.issues[0]!.message);
    if (await run(() => timelineEntryAction(parsed.data), "Added to the timeline")) formRef.current?.reset();
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="mt-3 space-y-2">
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
