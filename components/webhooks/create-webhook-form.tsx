"use client";

import { createWebhookAction } from "@/app/(app)/admin/webhooks/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { EventCheckboxes } from "@/components/webhooks/event-checkboxes";
import type { WebhookWithSecret } from "@/lib/webhooks/manage";
import { createWebhookSchema } from "@/lib/webhooks/schemas";

export function CreateWebhookForm({ onCreated }: { onCreated: (created: WebhookWithSecret) => void }) {
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: createWebhookSchema,
    read: (fields) => ({
      url: fields.text("url"),
      description: fields.text("description"),
      events: fields.all("events"),
    }),
    action: createWebhookAction,
    resetOnSuccess: true,
    success: (created) => `Registered a webhook for ${created.webhook.url}.`,
    onSuccess: onCreated,
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-webhook-heading"
      className={`${cardStyles} space-y-4 p-4`}
    >
      <h2 id="create-webhook-heading" className="font-semibold">
        Register a webhook
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Payload URL"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://hooks.example.com/preflight"
          required
          error={fieldErrors.url}
        />
        <Field
          label="Description"
          name="description"
          autoComplete="off"
          placeholder="Optional: who receives it and why"
          error={fieldErrors.description}
        />
      </div>
      <EventCheckboxes idPrefix="new-webhook" error={fieldErrors.events} />
      <div aria-live="polite">
        <ErrorAlert message={formError} />
      </div>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Registering…" : "Register webhook"}
      </button>
    </form>
  );
}
