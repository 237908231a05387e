"use client";

import { useState } from "react";
import { createScheduleAction } from "@/app/(app)/maintenance/actions";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import type { SectionOption } from "@/lib/maintenance/latest-sections";
import { createScheduleSchema, scopeKeyOf, type CreateScheduleInput } from "@/lib/maintenance/schemas";
import { cadenceLabels } from "@/lib/templates/labels";

type Props = {
  sections: SectionOption[];
  owners: { id: string; name: string }[];
  currentUserId: string;
  defaultSectionId?: string;
};

/** Creates a schedule from a template's maintenance section for the organisation or one service. */
export function ScheduleForm({ sections, owners, currentUserId, defaultSectionId }: Props) {
  const [scope, setScope] = useState<"org" | "service">("org");
  const { onSubmit, pending, formError, fieldErrors } = useServerForm({
    schema: createScheduleSchema,
    read: (fields) => fields.entries(),
    action: createScheduleAction,
    success: (_created, input) => createdMessage(sections, input),
    resetOnSuccess: true,
    onSuccess: () => setScope("org"),
  });

  return (
    <form
      noValidate
      onSubmit={onSubmit}
      id="create-schedule"
      aria-labelledby="schedule-form-heading"
      className={`${cardStyles} scroll-mt-4 space-y-4 p-4`}
    >
      <h2 id="schedule-form-heading" className="text-base font-semibold">
        Create a schedule
      </h2>
      <SelectField
        id="schedule-section"
        label="Maintenance section"
        name="sectionId"
        required
        defaultValue={defaultSectionId}
        error={fieldErrors.sectionId}
        options={sections.map((section) => ({
          value: section.id,
          label: `${section.templateName} v${section.versionNumber} · ${section.title} (${cadenceLabels[section.cadence!]}, ${section.leafCount} task${section.leafCount === 1 ? "" : "s"})`,
        }))}
      />
      <fieldset>
        <legend className="text-sm font-medium">Scope</legend>
        <div className="mt-1 space-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="org" checked={scope === "org"} onChange={() => setScope("org")} />{" "}
            Whole organisation
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="service"
              checked={scope === "service"}
              onChange={() => setScope("service")}
            />{" "}
            One service and environment
          </label>
        </div>
      </fieldset>
      {scope === "service" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Service" name="service" required error={fieldErrors.service} placeholder="payments-api" />
          <Field
            label="Environment"
            name="environment"
            required
            error={fieldErrors.environment}
            placeholder="production"
          />
        </div>
      ) : null}
      <SelectField
        id="schedule-owner"
        label="Owner"
        name="ownerId"
        defaultValue={currentUserId}
        error={fieldErrors.ownerId}
        options={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
      />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {formError}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create schedule"}
      </button>
    </form>
  );
}

function createdMessage(sections: SectionOption[], input: CreateScheduleInput): string {
  const section = sections.find((s) => s.id === input.sectionId);
  const scopeKey = scopeKeyOf(input);
  const cadence = section?.cadence ? `${cadenceLabels[section.cadence].toLowerCase()} ` : "";
  const scope = scopeKey === "org" ? "the whole organisation" : scopeKey;
  return `Created the ${cadence}schedule “${section?.title ?? "maintenance"}” for ${scope}`;
}
