"use client";

import { inputStyles } from "@/components/ui/styles";
import type { GroupChoice } from "@/lib/groups/schemas";

type Props = {
  id: string;
  /** Appended for screen readers only: "Approver group of section “Weekly”". */
  of: string;
  groups: GroupChoice[];
  value: string | null | undefined;
  onChange: (slug: string | null) => void;
  hint: string;
  /** Labelled like the template's own fields rather than a section's selects. */
  prominent?: boolean;
};

/** The reviewer group one of whose members must approve, "None" first. The version's own
 * choice stays an option even if the list missed it (it cannot be deleted while named). */
export function ApproverGroupSelect({ id, of, groups, value, onChange, hint, prominent = false }: Props) {
  const options = value && !groups.some((g) => g.slug === value) ? [...groups, { slug: value, name: value }] : groups;
  return (
    <div>
      <label
        htmlFor={id}
        className={
          prominent ? "block text-sm font-medium" : "block text-xs font-medium text-slate-600 dark:text-slate-400"
        }
      >
        Approver group<span className="sr-only"> of {of}</span>
      </label>
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
        aria-describedby={`${id}-hint`}
        className={`mt-1 ${inputStyles} ${prominent ? "" : "py-1.5"}`}
      >
        <option value="">None</option>
        {options.map((group) => (
          <option key={group.slug} value={group.slug}>
            {group.name === group.slug ? group.slug : `${group.name} (${group.slug})`}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {hint}
      </p>
    </div>
  );
}
