"use client";

import { createUserAction, type OneTimePasswordResult } from "@/app/(app)/admin/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { roleLabels } from "@/lib/auth/roles";
import { Role } from "@/lib/generated/prisma/enums";
import { createUserSchema } from "@/lib/users/schemas";

export function CreateUserForm({ onCreated }: { onCreated: (created: OneTimePasswordResult) => void }) {
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: createUserSchema,
    read: (fields) => fields.entries(),
    action: createUserAction,
    resetOnSuccess: true,
    success: (created) => `Created ${created.user.email}.`,
    onSuccess: onCreated,
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="create-user-heading"
      className={`${cardStyles} space-y-4 p-4`}
    >
      <h2 id="create-user-heading" className="font-semibold">
        Add a user
      </h2>
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_12rem]">
        <Field label="Name" name="name" autoComplete="off" required error={fieldErrors.name} />
        <Field label="Email" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
        <div>
          <label htmlFor="new-user-role" className="block text-sm font-medium">
            Role
          </label>
          <select
            id="new-user-role"
            name="role"
            defaultValue={Role.VIEWER}
            aria-invalid={fieldErrors.role ? true : undefined}
            aria-describedby={fieldErrors.role ? "new-user-role-error" : undefined}
            className={`mt-1 ${inputStyles}`}
          >
            {Object.values(Role).map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
          {fieldErrors.role ? (
            <p id="new-user-role-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
              {fieldErrors.role}
            </p>
          ) : null}
        </div>
      </div>
      <ErrorAlert message={formError} />
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create user"}
      </button>
    </form>
  );
}
