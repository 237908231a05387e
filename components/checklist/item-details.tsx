"use client";

import { useState, type FormEvent } from "react";
import { ItemHistoryList } from "@/components/checklist/item-history";
import type { RowContext } from "@/components/checklist/item-row";
import { formFields } from "@/components/ui/form-fields";
import { ExternalLink } from "@/components/ui/external-link";
import { WaiverPanel } from "@/components/waivers/waiver-panel";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { ChecklistItem } from "@/lib/checklists/types";
import { updateItemStateSchema } from "@/lib/deployments/schemas";

/**
 * Note, evidence links (one per line), assignee and history of one item, for every role that
 * can open the deployment: what the role may change is a field, the rest is shown as it is.
 */
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
  const editsContent = context.canUpdate;
  const assigns = context.canAssign;
  const errorId = `details-error-${id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    // Only the fields this role may change: a manager's assignment sends no note.
    const change = {
      ...(editsContent
        ? { note: form.text("note") || null, evidenceLinks: form.text("evidence").split(/\s+/).filter(Boolean) }
        : {}),
      ...(assigns ? { assigneeId: form.text("assignee") || null } : {}),
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

  const facts = (
    <>
      {editsContent ? (
        <>
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
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
        </>
      ) : (
        <div className="sm:col-span-2">
          <h3 className="font-medium">Note</h3>
          <p data-item-note className="whitespace-pre-wrap break-words text-slate-700 dark:text-slate-300">
            {state.note ?? "No note."}
          </p>
        </div>
      )}
      {assigns ? (
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
      ) : (
        <div>
          <h3 className="font-medium">Assignee</h3>
          <p className="text-slate-700 dark:text-slate-300">{state.assignee?.name ?? "Nobody"}</p>
        </div>
      )}
      <div className="sm:col-span-2">
        <h3 className="font-medium">Evidence</h3>
        <EvidenceLinks links={state.evidenceLinks} />
      </div>
    </>
  );

  const history = (
    <ItemHistoryList
      deploymentId={context.deploymentId}
      itemKey={item.key}
      itemText={item.text}
      version={state.version}
    />
  );
  const box =
    "mt-2 grid gap-3 rounded-md border border-slate-200 p-3 pl-6 text-sm dark:border-slate-800 sm:grid-cols-2";

  // Its own box beside the details form: a form inside a form is not HTML.
  const waiver = context.waivers ? (
    <div className={box} data-item-waiver>
      <WaiverPanel item={item} context={context.waivers} />
    </div>
  ) : null;

  if (!editsContent && !assigns) {
    return (
      <>
        <div className={box} data-item-details>
          {facts}
          {history}
          <div className="sm:col-span-2">
            <button type="button" className={buttonStyles.ghost} onClick={onClose}>
              Close
            </button>
          </div>
        </div>
        {waiver}
      </>
    );
  }
  return (
    <>
      <form noValidate onSubmit={submit} className={box} data-item-details>
        {facts}
        {error ? (
          <p id={errorId} role="alert" className="text-red-700 sm:col-span-2 dark:text-red-400">
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
        {history}
      </form>
      {waiver}
    </>
  );
}

/** Evidence as links: validated as http(s) when saved, and only those are made links here. */
function EvidenceLinks({ links }: { links: string[] }) {
  if (!links.length) return <p className="text-slate-600 dark:text-slate-400">No evidence links.</p>;
  return (
    <ul>
      {links.map((link) => (
        <li key={link}>
          {/^https?:\/\//i.test(link) ? <ExternalLink href={link}>{link}</ExternalLink> : <span>{link}</span>}
        </li>
      ))}
    </ul>
  );
}
