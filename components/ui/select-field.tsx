import type { SelectHTMLAttributes } from "react";
import { controlProps, LabelledControl } from "@/components/ui/field";
import { inputStyles } from "@/components/ui/styles";

type Option = { value: string; label: string };
type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: Option[];
  error?: string;
};

/** A labelled select whose error is linked with aria-describedby, like <Field>. */
export function SelectField({ label, name, options, error, id, ...select }: Props) {
  const selectId = id ?? name;
  return (
    <LabelledControl id={selectId} label={label} error={error}>
      <select name={name} {...controlProps(selectId, error)} className={`mt-1 ${inputStyles}`} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledControl>
  );
}
