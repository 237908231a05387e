import { eventLabels, eventNames, webhookEvents, type WebhookEvent } from "@/lib/webhooks/events";

/** The events a webhook subscribes to, as a group of checkboxes named "events". */
export function EventCheckboxes({
  idPrefix,
  selected,
  error,
}: {
  idPrefix: string;
  selected?: readonly WebhookEvent[];
  error?: string;
}) {
  const errorId = `${idPrefix}-events-error`;
  return (
    <fieldset aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium">Events</legend>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {webhookEvents.map((event) => (
          <label key={event} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={event}
              defaultChecked={selected?.includes(event)}
              className="h-4 w-4 rounded border-slate-300 dark:border-slate-700"
            />
            <span>
              {eventLabels[event]}{" "}
              <code className="text-xs text-slate-500 dark:text-slate-400">{eventNames[event]}</code>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
