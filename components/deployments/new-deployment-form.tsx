"use client";

import { useRouter } from "next/navigation";
import { createDeploymentAction } from "@/app/(app)/deployments/actions";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { createDeploymentSchema } from "@/lib/deployments/schemas";

type Props = {
  versions: { id: string; label: string }[];
  owners: { id: string; name: string }[];
  defaultVersionId: string;
  currentUserId: string;
};

export function NewDeploymentForm({ versions, owners, defaultVersionId, currentUserId }: Props) {
  const router = useRouter();
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: createDeploymentSchema,
    read: (fields) => fields.entries(),
    action: createDeploymentAction,
    leavesPage: true,
    success: (_created, input) => `Created ${input.service} ${input.version}`,
    onSuccess: (created) => router.push(`/deployments/${created.id}`),
  });

  return (
    <form noValidate onSubmit={onSubmit} className={`${cardStyles} max-w-xl space-y-4 p-6`}>
      <Field label="Service" name="service" required error={fieldErrors.service} placeholder="payments-api" />
      <Field label="Environment" name="environment" required error={fieldErrors.environment} placeholder="production" />
      <Field label="Version" name="version" required error={fieldErrors.version} placeholder="2.14.0" />
      <Field label="Target date" name="targetDate" type="date" error={fieldErrors.targetDate} />
      <SelectField
        label="Template version"
        name="templateVersionId"
        defaultValue={defaultVersionId}
        error={fieldErrors.templateVersionId}
        options={versions.map((v) => ({ value: v.id, label: v.label }))}
      />
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={currentUserId}
        error={fieldErrors.ownerId}
        options={owners.map((o) => ({ value: o.id, label: o.name }))}
      />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {formError}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create deployment"}
      </button>
    </form>
  );
}
