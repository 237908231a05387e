"use client";

import { useRef, useState, type FormEvent } from "react";
import { createScheduleAction } from "@/app/(app)/maintenance/actions";
import { useAction } from "@/components/maintenance/use-action";
import { cadenceLabels } from "@/components/templates/labels";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { SectionOption } from "@/lib/maintenance/latest-sections";
import { createScheduleSchema, scopeKeyOf } from "@/lib/maintenance/schemas";

type Props = { sections: SectionOption[]; owners: { id: string; name: string }[]; currentUserId: string; defaultSectionId?: string };

/** Creates a schedule from a template's maintenance section for the organisation or one service. */
export function ScheduleForm({ sections, owners, currentUserId, defaultSectionId }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const [scope, setScope] = useState<"org" | "service">("org");
  const { run, reject, pending, error, fieldErrors } = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const parsed = createScheduleSchema.safeParse(input);
    if (!parsed.success) return reject("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
    const section = sections.find((s) => s.id === parsed.data.sectionId);
    const scopeKey = scopeKeyOf(parsed.data);
    const cadence = section?.cadence ? `${cadenceLabels[section.cadence].toLowerCase()} ` : "";
    const created = await run(() => createScheduleAction(parsed.data), `Created the ${cadence}schedule “${section?.title ?? "maintenance"}” for ${scopeKey === "org" ? "the whole organisation" : scopeKey}`);
    if (created) {
      formRef.current?.reset();
      setScope("org");
    }
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} id="create-schedule" aria-labelledby="schedule-form-heading" className={`${cardStyles} scroll-mt-4 space-y-4 p-4`}>
      <h2 id="schedule-form-heading" className="text-base font-semibold">
        Create a schedule
      </h2>
      <div>
        <label htmlFor="schedule-section" className="block text-sm font-medium">
          Maintenance section
        </label>
        <select id="schedule-section" name="sectionId" required defaultValue={defaultSectionId} className={`mt-1 ${inputStyles}`} aria-invalid={fieldErrors.sectionId ? true : undefined}>
          {sections.map((section) => (
            <option key={section.id} value={section.id}>
              {section.templateName} v{section.versionNumber} · {section.title} ({cadenceLabels[section.cadence!]}, {section.leafCount} task{section.leafCount === 1 ? "" : "s"})
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Scope</legend>
        <div className="mt-1 space-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="org" checked={scope === "org"} onChange={() => setScope("org")} /> Whole organisation
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="service" checked={scope === "service"} onChange={() => setScope("service")} /> One service and environment
          </label>
        </div>
      </fieldset>
      {scope === "service" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Service" name="service" required error={fieldErrors.service} placeholder="payments-api" />
          <Field label="Environment" name="environment" required error={fieldErrors.environment} placeholder="production" />
        </div>
      ) : null}
      <div>
        <label htmlFor="schedule-owner" className="block text-sm font-medium">
          Owner
        </label>
        <select id="schedule-owner" name="ownerId" defaultValue={currentUserId} className={`mt-1 ${inputStyles}`}>
          {owners.map((owner) => (
            <option key={owner.id} value={owner.id}>
              {owner.name}
            </option>
          ))}
        </select>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Creating…" : "Create schedule"}
      </button>
    </form>
  );
}
