"use client";

import type { ReactNode, SelectHTMLAttributes } from "react";
import { inputStyles } from "@/components/ui/styles";
import type { Cadence, Priority, SectionKind } from "@/lib/templates/markdown/types";
import { cadenceOptions, kindOptions, priorityOptions, type Classification } from "./labels";

type Props = {
  /** Unique prefix for element ids. */
  idPrefix: string;
  /** How the section is named in accessible labels, e.g. "section “Weekly”". */
  name: string;
  value: Classification;
  onChange: (value: Classification) => void;
  disabled?: boolean;
};

/** Kind, priority and cadence of one section, each with a visible label ("Kind") whose accessible name includes the section ("Kind of section “Weekly”"). */
export function ClassificationSelects({ idPrefix, name, value, onChange, disabled }: Props) {
  const needsCadence = value.kind === "MAINTENANCE" && value.cadence === null;
  const hintId = `${idPrefix}-cadence-hint`;
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
      <LabelledSelect
        id={`${idPrefix}-kind`}
        label="Kind"
        of={name}
        options={kindOptions}
        value={value.kind}
        disabled={disabled}
        onChange={(event) => onChange({ ...value, kind: event.target.value as SectionKind })}
      />
      <LabelledSelect
        id={`${idPrefix}-priority`}
        label="Priority"
        of={name}
        options={priorityOptions}
        noneOption
        value={value.priority ?? ""}
        disabled={disabled}
        onChange={(event) => onChange({ ...value, priority: (event.target.value || null) as Priority | null })}
      />
      <LabelledSelect
        id={`${idPrefix}-cadence`}
        label="Cadence"
        of={name}
        options={cadenceOptions}
        noneOption
        value={value.cadence ?? ""}
        disabled={disabled}
        aria-invalid={needsCadence || undefined}
        aria-describedby={needsCadence ? hintId : undefined}
        onChange={(event) => onChange({ ...value, cadence: (event.target.value || null) as Cadence | null })}
        hint={
          needsCadence ? (
            <p id={hintId} className="mt-1 text-xs text-red-700 dark:text-red-400">
              A maintenance section needs a cadence.
            </p>
          ) : null
        }
      />
    </div>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  id: string;
  label: string;
  /** Appended for screen readers only: "Kind" reads "Kind of section “Weekly”". */
  of: string;
  options: { value: string; label: string }[];
  noneOption?: boolean;
  hint?: ReactNode;
};

function LabelledSelect({ id, label, of, options, noneOption, hint, ...select }: SelectProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
        <span className="sr-only"> of {of}</span>
      </label>
      <select id={id} className={`mt-1 ${inputStyles} py-1.5`} {...select}>
        {noneOption ? <option value="">None</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint}
    </div>
  );
}
