"use client";

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

const selectClass = `mt-1 ${inputStyles} py-1.5`;

/** Kind, priority and cadence of one section, each with a visible label ("Kind") whose accessible name includes the section ("Kind of section “Weekly”"). */
export function ClassificationSelects({ idPrefix, name, value, onChange, disabled }: Props) {
  const needsCadence = value.kind === "MAINTENANCE" && value.cadence === null;
  const hintId = `${idPrefix}-cadence-hint`;
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
      <div>
        <label htmlFor={`${idPrefix}-kind`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          Kind<span className="sr-only"> of {name}</span>
        </label>
        <select
          id={`${idPrefix}-kind`}
          value={value.kind}
          disabled={disabled}
          onChange={(event) => onChange({ ...value, kind: event.target.value as SectionKind })}
          className={selectClass}
        >
          {kindOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-priority`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          Priority<span className="sr-only"> of {name}</span>
        </label>
        <select
          id={`${idPrefix}-priority`}
          value={value.priority ?? ""}
          disabled={disabled}
          onChange={(event) => onChange({ ...value, priority: (event.target.value || null) as Priority | null })}
          className={selectClass}
        >
          <option value="">None</option>
          {priorityOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-cadence`} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          Cadence<span className="sr-only"> of {name}</span>
        </label>
        <select
          id={`${idPrefix}-cadence`}
          value={value.cadence ?? ""}
          disabled={disabled}
          aria-invalid={needsCadence || undefined}
          aria-describedby={needsCadence ? hintId : undefined}
          onChange={(event) => onChange({ ...value, cadence: (event.target.value || null) as Cadence | null })}
          className={selectClass}
        >
          <option value="">None</option>
          {cadenceOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {needsCadence ? (
          <p id={hintId} className="mt-1 text-xs text-red-700 dark:text-red-400">
            A maintenance section needs a cadence.
          </p>
        ) : null}
      </div>
    </div>
  );
}
