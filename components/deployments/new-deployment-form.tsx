"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { createDeploymentAction } from "@/app/(app)/deployments/actions";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { createDeploymentSchema } from "@/lib/deployments/schemas";

type Props = {
  versions: { id: string; label: string }[];
  owners: { id: string; name: string }[];
  defaultVersionId: string;
  currentUserId: string;
};

export function NewDeploymentForm({ versions, owners, defaultVersionId, currentUserId }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const parsed = createDeploymentSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    const result = await createDeploymentAction(parsed.data);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage(result.error);
      return;
    }
    toast.success(`Created ${parsed.data.service} ${parsed.data.version}`);
    router.push(`/deployments/${result.data.id}`);
  }

  return (
    <form noValidate onSubmit={onSubmit} className={`${cardStyles} max-w-xl space-y-4 p-6`}>
      <Field label="Service" name="service" required error={errors.service} placeholder="payments-api" />
      <Field label="Environment" name="environment" required error={errors.environment} placeholder="production" />
      <Field label="Version" name="version" required error={errors.version} placeholder="2.14.0" />
      <Field label="Target date" name="targetDate" type="date" error={errors.targetDate} />
      <SelectField
        label="Template version"
        name="templateVersionId"
        defaultValue={defaultVersionId}
        error={errors.templateVersionId}
        options={versions.map((v) => ({ value: v.id, label: v.label }))}
      />
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={currentUserId}
        error={errors.ownerId}
        options={owners.map((o) => ({ value: o.id, label: o.name }))}
      />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {message}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create deployment"}
      </button>
    </form>
  );
}
