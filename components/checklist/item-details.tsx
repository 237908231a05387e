"use client";

import { useState, type FormEvent } from "react";
import type { RowContext } from "@/components/checklist/item-row";
import { formFields } from "@/components/ui/form-fields";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { ChecklistItem } from "@/lib/checklists/types";
import { updateItemStateSchema } from "@/lib/deployments/schemas";
import { ExternalLink } from "@/components/ui/external-link";

/** Note, evidence links (one per line) and assignee of one item. */
export function ItemDetails({
  item,
  context,
  onClose,
}: {
  item: ChecklistItem;
  context: RowContext;
  onClose: () => void;
}) {
  const state = item.state!;
  const [error, setError] = useState("");
  const id = item.id;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    const evidenceLinks = form.text("evidence").split(/\s+/).filter(Boolean);
    const assignee = form.text("assignee");
    const change = {
      note: form.text("note") || null,
      evidenceLinks,
      ...(context.canAssign ? { assigneeId: assignee || null } : {}),
    };
    const parsed = updateItemStateSchema.safeParse({ deploymentId: "-", itemId: id, version: 0, ...change });
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message);
      return;
    }
    setError("");
    context.onChange(item, change);
    onClose();
  }

  return (
    <form
      noValidate
      onSubmit={submit}
      className="mt-2 grid gap-3 rounded-md border border-slate-200 p-3 pl-6 text-sm dark:border-slate-800 sm:grid-cols-2"
    >
      <label className="sm:col-span-2">
        <span className="font-medium">Note</span>
        <textarea name="note" defaultValue={state.note ?? ""} rows={2} className={`mt-1 ${inputStyles}`} />
      </label>
      <label>
        <span className="font-medium">Evidence links (one per line, http or https)</span>
        <textarea
          name="evidence"
          defaultValue={state.evidenceLinks.join("\n")}
          rows={2}
          className={`mt-1 ${inputStyles}`}
          aria-describedby={error ? `details-error-${id}` : undefined}
        />
      </label>
      {context.canAssign ? (
        <label>
          <span className="font-medium">Assignee</span>
          <select name="assignee" defaultValue={state.assignee?.id ?? ""} className={`mt-1 ${inputStyles}`}>
            <option value="">Nobody</option>
            {context.assignees.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {state.evidenceLinks.length ? (
        <ul className="sm:col-span-2">
          {state.evidenceLinks.map((link) => (
            <li key={link}>
              <ExternalLink href={link}>{link}</ExternalLink>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={`details-error-${id}`} role="alert" className="text-red-700 sm:col-span-2 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={buttonStyles.secondary}>
          Save details
        </button>
        <button type="button" className={buttonStyles.ghost} onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
