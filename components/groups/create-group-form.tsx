"use client";

import { createGroupAction } from "@/app/(app)/admin/groups/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { createGroupSchema } from "@/lib/groups/schemas";

export function CreateGroupForm() {
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: createGroupSchema,
    read: (fields) => ({ slug: fields.text("slug"), name: fields.text("name") }),
    action: createGroupAction,
    resetOnSuccess: true,
    success: (group) => `Created the group ${group.slug}. Add its members below.`,
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-group-heading"
      className={`${cardStyles} space-y-4 p-4`}
    >
      <h2 id="create-group-heading" className="font-semibold">
        Create a group
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Field
            label="Slug"
            name="slug"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="compliance"
            maxLength={40}
            required
            aria-describedby={fieldErrors.slug ? "slug-error" : "slug-hint"}
            error={fieldErrors.slug}
          />
          {fieldErrors.slug ? null : (
            <p id="slug-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              How templates name it: lower-case letters, digits and dashes. It cannot be changed later.
            </p>
          )}
        </div>
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          placeholder="Compliance"
          maxLength={80}
          required
          error={fieldErrors.name}
        />
      </div>
      <div aria-live="polite">
        <ErrorAlert message={formError} />
      </div>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create group"}
      </button>
    </form>
  );
}
