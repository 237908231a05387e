"use client";
// A secret at the one moment it is readable (a one-time password, an API token, a webhook
// secret): afterwards only its hash or an encrypted copy exists. Copy, or select and copy.
import type { ReactNode } from "react";
import { toast } from "sonner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

const tones = {
  emerald:
    "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  amber: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
} as const;

type Props = {
  /** Prefix of the element ids (heading, input). */
  id: string;
  title: ReactNode;
  /** What the secret is called, e.g. "API token": the input's label, also named in the toasts. */
  label: string;
  value: string;
  tone?: keyof typeof tones;
  onDone: () => void;
  children: ReactNode;
};

export function ShownOnce({ id, title, label, value, tone = "emerald", onDone, children }: Props) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(`Copied: ${label}.`);
    } catch {
      toast.error(`Could not copy. Select the ${label} field's text and copy it yourself.`);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className={`rounded-xl border p-4 ${tones[tone]}`}>
      <h2 id={`${id}-heading`} className="font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm">{children}</p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor={id} className="block text-sm font-medium">
            {label}
          </label>
          <input
            id={id}
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
            className={`mt-1 font-mono ${inputStyles}`}
          />
        </div>
        <button type="button" onClick={() => void copy()} className={buttonStyles.secondary}>
          Copy
        </button>
        <button type="button" onClick={onDone} className={buttonStyles.ghost}>
          Done
        </button>
      </div>
    </section>
  );
}
