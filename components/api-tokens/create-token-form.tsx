"use client";

import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { createApiTokenAction } from "@/app/(app)/admin/tokens/actions";
import { callAction } from "@/components/templates/call-action";
import { ErrorAlert } from "@/components/templates/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { CreatedApiToken } from "@/lib/api-tokens/create-api-token";
import { apiTokenScopes, scopeDescriptions } from "@/lib/api-tokens/scopes";
import { createApiTokenSchema } from "@/lib/api-tokens/schemas";

export function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = createApiTokenSchema.safeParse({ name: data.get("name"), scopes: data.getAll("scopes"), expiresOn: data.get("expiresOn") ?? "" });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    const result = await callAction(() => createApiTokenAction(parsed.data));
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? (result.details?.fieldErrors as Record<string, string> | undefined) ?? {});
      setMessage(result.error);
      return;
    }
    setErrors({});
    setMessage(null);
    form.reset();
    toast.success(`Created the token “${result.data.token.name}”.`);
    onCreated(result.data);
  }

  const scopeError = errors.scopes ?? errors["scopes.0"];
  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="create-token-heading" className={`${cardStyles} space-y-4 p-4`}>
      <h2 id="create-token-heading" className="font-semibold">
        Create a token
      </h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field label="Name" name="name" autoComplete="off" required placeholder="deploy pipeline" error={errors.name} />
        <Field label="Expires on (optional)" name="expiresOn" type="date" error={errors.expiresOn} />
      </div>
      <fieldset aria-describedby={scopeError ? "scopes-error" : "scopes-hint"}>
        <legend className="text-sm font-medium">Scopes</legend>
        <p id="scopes-hint" className="text-xs text-slate-600 dark:text-slate-400">
          A token acts as you, limited to these scopes. Choose the least it needs.
        </p>
        <div className="mt-2 space-y-1">
          {apiTokenScopes.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "GATE"} className="mt-0.5" />
              <span>
                <span className="font-mono font-semibold">{scope}</span> — {scopeDescriptions[scope]}
              </span>
            </label>
          ))}
        </div>
        {scopeError ? (
          <p id="scopes-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {scopeError}
          </p>
        ) : null}
      </fieldset>
      <ErrorAlert message={message} />
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
