"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { createWebhookAction } from "@/app/(app)/admin/webhooks/actions";
import { callAction } from "@/components/templates/call-action";
import { ErrorAlert } from "@/components/templates/error-alert";
import { EventCheckboxes } from "@/components/webhooks/event-checkboxes";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { WebhookWithSecret } from "@/lib/webhooks/manage";
import { createWebhookSchema } from "@/lib/webhooks/schemas";

export function CreateWebhookForm({ onCreated }: { onCreated: (created: WebhookWithSecret) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const parsed = createWebhookSchema.safeParse({ url: fields.get("url"), description: fields.get("description"), events: fields.getAll("events") });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    const result = await callAction(() => createWebhookAction(parsed.data));
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage(result.error);
      return;
    }
    setErrors({});
    setMessage(null);
    form.reset();
    toast.success(`Registered a webhook for ${result.data.webhook.url}.`);
    onCreated(result.data);
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="create-webhook-heading" className={`${cardStyles} space-y-4 p-4`}>
      <h2 id="create-webhook-heading" className="font-semibold">
        Register a webhook
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Payload URL" name="url" type="url" inputMode="url" autoComplete="off" placeholder="https://hooks.example.com/preflight" required error={errors.url} />
        <Field label="Description" name="description" autoComplete="off" placeholder="Optional: who receives it and why" error={errors.description} />
      </div>
      <EventCheckboxes idPrefix="new-webhook" error={errors.events} />
      <div aria-live="polite">
        <ErrorAlert message={message} />
      </div>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Registering…" : "Register webhook"}
      </button>
    </form>
  );
}
