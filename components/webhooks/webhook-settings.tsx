"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import {
  deleteWebhookAction,
  rotateWebhookSecretAction,
  updateWebhookAction,
} from "@/app/(app)/admin/webhooks/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { useServerForm } from "@/components/ui/use-server-form";
import { EventCheckboxes } from "@/components/webhooks/event-checkboxes";
import { SecretReveal } from "@/components/webhooks/secret-reveal";
import type { WebhookEvent } from "@/lib/webhooks/events";
import { updateWebhookSchema } from "@/lib/webhooks/schemas";

type Webhook = { id: string; url: string; description: string | null; events: WebhookEvent[]; active: boolean };

/** Events, description and active flag; rotating the secret; deleting, after a confirmation. */
export function WebhookSettings({ webhook }: { webhook: Webhook }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const save = useServerForm({
    schema: updateWebhookSchema,
    read: (fields) => ({
      webhookId: webhook.id,
      description: fields.text("description"),
      events: fields.all("events"),
      active: fields.checked("active"),
    }),
    action: updateWebhookAction,
    success: (saved) =>
      saved.active ? "Saved the webhook." : "Saved the webhook; it is inactive and receives nothing.",
  });
  const rotate = useServerAction({
    action: () => rotateWebhookSecretAction({ webhookId: webhook.id }),
    success: "Rotated the signing secret.",
    onSuccess: ({ secret }) => setSecret(secret),
  });
  const remove = useServerAction({
    action: () => deleteWebhookAction({ webhookId: webhook.id }),
    leavesPage: true,
    success: `Deleted the webhook for ${webhook.url}.`,
    onSuccess: () => router.push("/admin/webhooks"),
    onFailure: () => setConfirmingDelete(false),
  });
  const pending = save.pending || rotate.pending || remove.pending;
  // One message for the three: starting one forgets what the others said.
  const message = save.formError ?? rotate.error ?? remove.error;
  function start(chosen: typeof rotate | typeof remove) {
    for (const other of [save, rotate, remove]) if (other !== chosen) other.reset();
    void chosen.run();
  }
  function onSave(event: FormEvent<HTMLFormElement>) {
    rotate.reset();
    remove.reset();
    save.onSubmit(event);
  }

  return (
    <div className="space-y-4">
      {secret ? (
        <SecretReveal url={webhook.url} secret={secret} reason="rotated" onDone={() => setSecret(null)} />
      ) : null}
      <form
        noValidate
        onSubmit={onSave}
        aria-labelledby="webhook-settings-heading"
        className={`${cardStyles} space-y-4 p-4`}
      >
        <h2 id="webhook-settings-heading" className="font-semibold">
          Settings
        </h2>
        <Field
          label="Description"
          name="description"
          autoComplete="off"
          defaultValue={webhook.description ?? ""}
          error={save.fieldErrors.description}
        />
        <EventCheckboxes idPrefix="webhook" selected={webhook.events} error={save.fieldErrors.events} />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="active"
            defaultChecked={webhook.active}
            className="h-4 w-4 rounded border-slate-300 dark:border-slate-700"
          />
          Active (an inactive webhook receives nothing; its pending deliveries wait)
        </label>
        <div aria-live="polite">
          <ErrorAlert message={message} />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className={buttonStyles.primary}>
            Save
          </button>
          <button type="button" disabled={pending} onClick={() => start(rotate)} className={buttonStyles.secondary}>
            Rotate secret
          </button>
          {confirmingDelete ? null : (
            <button
              type="button"
              disabled={pending}
              onClick={() => setConfirmingDelete(true)}
              className={buttonStyles.secondary}
            >
              Delete…
            </button>
          )}
        </div>
      </form>
      {confirmingDelete ? (
        <section
          role="alertdialog"
          aria-labelledby="delete-webhook-heading"
          aria-describedby="delete-webhook-text"
          className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <h2 id="delete-webhook-heading" className="font-semibold">
            Delete this webhook?
          </h2>
          <p id="delete-webhook-text" className="mt-1 text-sm">
            {webhook.url} will receive nothing more, and its delivery history is deleted with it. To pause it instead,
            make it inactive.
          </p>
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              disabled={pending}
              onClick={() => start(remove)}
              className={buttonStyles.danger}
              autoFocus
            >
              Delete webhook
            </button>
            <button type="button" onClick={() => setConfirmingDelete(false)} className={buttonStyles.ghost}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
