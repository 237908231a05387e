import type { InputHTMLAttributes, ReactNode } from "react";
import { inputStyles } from "@/components/ui/styles";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string };

/** Props that link a control to its label and its error message. */
export function controlProps(id: string, error?: string) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  } as const;
}

/** The label above a control and its error below, linked by id. */
export function LabelledControl({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error is linked with aria-describedby. */
export function Field({ label, name, error, ...input }: Props) {
  return (
    <LabelledControl id={name} label={label} error={error}>
      <input name={name} {...controlProps(name, error)} className={`mt-1 ${inputStyles}`} {...input} />
    </LabelledControl>
  );
}
