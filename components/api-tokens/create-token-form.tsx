"use client";

import { useState } from "react";
import { createApiTokenAction } from "@/app/(app)/admin/tokens/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import type { CreatedApiToken } from "@/lib/api-tokens/create-api-token";
import type { TokenUserChoice } from "@/lib/api-tokens/list-token-users";
import { apiTokenScopes, scopeDescriptions } from "@/lib/api-tokens/scopes";
import { createApiTokenSchema } from "@/lib/api-tokens/schemas";
import { roleLabels } from "@/lib/auth/roles";
import { utcDay } from "@/lib/format";

type Props = {
  /** Whom a token can speak for: active users who are not viewers. */
  users: TokenUserChoice[];
  currentUserId: string;
  onCreated: (created: CreatedApiToken) => void;
};

export function CreateTokenForm({ users, currentUserId, onCreated }: Props) {
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: createApiTokenSchema,
    read: (fields) => ({
      name: fields.text("name"),
      scopes: fields.all("scopes"),
      expiresOn: fields.text("expiresOn"),
      userId: fields.text("userId"),
    }),
    action: createApiTokenAction,
    resetOnSuccess: true,
    success: (created) => `Created the token “${created.token.name}”.`,
    onSuccess: onCreated,
  });

  const [today] = useState(() => utcDay(0));
  const scopeError = fieldErrors.scopes ?? fieldErrors["scopes.0"];
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-token-heading"
      className={`${cardStyles} space-y-4 p-4`}
    >
      <h2 id="create-token-heading" className="font-semibold">
        Create a token
      </h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          required
          placeholder="deploy pipeline"
          error={fieldErrors.name}
        />
        <Field
          label="Expires on (optional)"
          name="expiresOn"
          type="date"
          // Valid through the chosen UTC day: today at the earliest, as the server checks.
          min={today}
          error={fieldErrors.expiresOn}
        />
      </div>
      <div>
        <SelectField
          label="For user"
          name="userId"
          defaultValue={currentUserId}
          error={fieldErrors.userId}
          // Without an error the hint describes the choice; with one, SelectField links the error.
          {...(fieldErrors.userId ? {} : { "aria-describedby": "user-hint" })}
          options={users.map((u) => ({ value: u.id, label: `${u.name} — ${u.email} (${roleLabels[u.role]})` }))}
        />
        <p id="user-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          The token may do what this user&apos;s role may, within its scopes, and stops working if they are deactivated.
        </p>
      </div>
      <fieldset aria-describedby={scopeError ? "scopes-error" : "scopes-hint"}>
        <legend className="text-sm font-medium">Scopes</legend>
        <p id="scopes-hint" className="text-xs text-slate-600 dark:text-slate-400">
          What the token may do at most, whatever its user&apos;s role allows. Choose the least it needs.
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
      <ErrorAlert message={formError} />
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
