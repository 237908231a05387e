import type { SelectHTMLAttributes } from "react";
import { inputStyles } from "@/components/ui/styles";

type Option = { value: string; label: string };
type Props = SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: Option[]; error?: string };

/** A labelled select whose error is linked with aria-describedby, like <Field>. */
export function SelectField({ label, name, options, error, id, ...select }: Props) {
  const selectId = id ?? name;
  const errorId = `${selectId}-error`;
  return (
    <div>
      <label htmlFor={selectId} className="block text-sm font-medium">
        {label}
      </label>
      <select id={selectId} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} className={`mt-1 ${inputStyles}`} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
