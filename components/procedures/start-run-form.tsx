"use client";

import { useRouter } from "next/navigation";
import { startRunAction } from "@/app/(app)/procedures/actions";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import type { SectionOption } from "@/lib/maintenance/latest-sections";
import { severities, severityLabels, startRunSchema } from "@/lib/procedures/schemas";

type Props = { procedures: SectionOption[]; defaultSectionId?: string };

/** Starts a run of a procedure section and opens its page. */
export function StartRunForm({ procedures, defaultSectionId }: Props) {
  const router = useRouter();
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: startRunSchema,
    read: (fields) => fields.entries(),
    leavesPage: true,
    action: startRunAction,
    success: (_run, input) => `Started “${input.title}”`,
    onSuccess: (run) => router.push(`/procedures/${run.id}`),
  });

  return (
    <form
      id="start-run"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="start-run-heading"
      className={`${cardStyles} scroll-mt-4 space-y-4 p-4`}
    >
      <h2 id="start-run-heading" className="text-base font-semibold">
        Start a run
      </h2>
      <SelectField
        id="run-procedure"
        label="Procedure"
        name="sectionId"
        defaultValue={defaultSectionId}
        error={fieldErrors.sectionId}
        options={procedures.map((p) => ({
          value: p.id,
          label: `${p.title} (${p.topLevelCount} steps) · ${p.templateName} v${p.versionNumber}`,
        }))}
      />
      <Field
        label="Title"
        name="title"
        required
        maxLength={200}
        error={fieldErrors.title}
        placeholder="Leaked API key in a public repository"
      />
      <SelectField
        id="run-severity"
        label="Severity"
        name="severity"
        defaultValue="SEV2"
        error={fieldErrors.severity}
        options={severities.map((severity) => ({ value: severity, label: severityLabels[severity] }))}
      />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {formError}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.danger}>
        {pending ? "Starting…" : "Start run"}
      </button>
    </form>
  );
}
