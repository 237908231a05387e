"use client";

import { useRef, useState, type FormEvent } from "react";
import { BlockMarkdown } from "@/components/markdown/block-markdown";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { ItemDetails } from "@/components/checklist/item-details";
import { WaiverBadge } from "@/components/waivers/waiver-badge";
import type { WaiverContext } from "@/components/waivers/waiver-panel";
import { PreviousStateNote } from "@/components/checklist/previous-state";
import type { ItemChange } from "@/components/checklist/use-checklist";
import { formFields } from "@/components/ui/form-fields";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { itemProgress } from "@/lib/checklists/tree";
import { plainText } from "@/lib/checklists/plain-text";
import type { ChecklistItem } from "@/lib/checklists/types";
import { updateItemStateSchema } from "@/lib/deployments/schemas";
import { formatDateTime } from "@/lib/format";

export type RowContext = {
  deploymentId: string;
  canUpdate: boolean;
  canAssign: boolean;
  /** The item (by key) whose details are open when the page loads (`?item=<key>`). */
  initialDetailsKey: string | null;
  /** Items whose update is on its way: their controls wait for the answer. */
  pendingItemIds: string[];
  assignees: { id: string; name: string }[];
  isVisible: (item: ChecklistItem) => boolean;
  onChange: (item: ChecklistItem, change: ItemChange) => void;
  naFormFor: string | null;
  setNaFormFor: (itemId: string | null) => void;
  /** Waivers of this section's items (pre-deployment sections only). */
  waivers: WaiverContext | null;
};

export function ItemTreeRows({ items, context }: { items: ChecklistItem[]; context: RowContext }) {
  return (
    <ul className="space-y-1">
      {items
        .filter(context.isVisible)
        .map((item) =>
          item.children.length ? (
            <ParentRow key={item.id} item={item} context={context} />
          ) : (
            <LeafRow key={item.id} item={item} context={context} />
          ),
        )}
    </ul>
  );
}

function ParentRow({ item, context }: { item: ChecklistItem; context: RowContext }) {
  const { settled, total } = itemProgress(item);
  return (
    <li className="pt-2">
      <div className="flex items-baseline gap-2 text-sm font-medium">
        <span aria-hidden="true" className={settled === total ? "text-emerald-600" : "text-slate-400"}>
          {settled === total ? "✔" : "▸"}
        </span>
        <div className="flex-1">
          <InlineMarkdown text={item.text} />
          {item.details ? <TemplateDetails details={item.details} /> : null}
        </div>
        {/* aria-label is not allowed on a plain span: the spoken form is sr-only text instead. */}
        <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
          <span aria-hidden="true">
            {settled}/{total}
          </span>
          <span className="sr-only">
            {settled} of {total} settled
          </span>
        </span>
      </div>
      <div className="ml-3 border-l border-slate-200 pl-3 dark:border-slate-800">
        <ItemTreeRows items={item.children} context={context} />
      </div>
    </li>
  );
}

function LeafRow({ item, context }: { item: ChecklistItem; context: RowContext }) {
  const state = item.state!;
  const name = plainText(item.text);
  const pending = context.pendingItemIds.includes(item.id);
  const [detailsOpen, setDetailsOpen] = useState(context.initialDetailsKey === item.key);
  const rowRef = useRef<HTMLLIElement>(null);
  // Closing a form hands the keyboard back to the row, so j/k/x/n go on working.
  const closeDetails = () => {
    setDetailsOpen(false);
    rowRef.current?.focus();
  };
  const disabled = !context.canUpdate || pending;
  const statusTone =
    state.status === "DONE"
      ? "bg-emerald-50/60 dark:bg-emerald-950/30"
      : state.status === "NOT_APPLICABLE"
        ? "bg-slate-100/70 dark:bg-slate-800/40"
        : "";

  return (
    <li
      ref={rowRef}
      id={`item-${item.key}`}
      data-item-row={item.id}
      data-status={state.status}
      data-editable={context.canUpdate || undefined}
      tabIndex={-1}
      className={`rounded-md px-2 py-1.5 outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${statusTone}`}
    >
      <div className="flex flex-wrap items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-brand-600"
          aria-label={`Done: ${name}`}
          checked={state.status === "DONE"}
          disabled={disabled || state.status === "NOT_APPLICABLE"}
          onChange={(event) => context.onChange(item, { status: event.target.checked ? "DONE" : "OPEN" })}
        />
        <div className="min-w-0 flex-1 text-sm">
          <span className={state.status === "NOT_APPLICABLE" ? "text-slate-600 dark:text-slate-400 line-through" : ""}>
            <InlineMarkdown text={item.text} />
          </span>
          {state.status === "NOT_APPLICABLE" ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              <span className="font-semibold">N/A:</span> {state.naReason}
            </p>
          ) : null}
          {item.details ? <TemplateDetails details={item.details} /> : null}
          {item.waiver && context.waivers ? (
            <div>
              <WaiverBadge waiver={item.waiver} />
            </div>
          ) : null}
          <Meta item={item} />
          {state.previousState ? <PreviousStateNote previous={state.previousState} currentText={item.text} /> : null}
        </div>
        <div className="flex gap-1">
          {!context.canUpdate ? null : state.status === "OPEN" ? (
            <button
              type="button"
              className={buttonStyles.ghost}
              disabled={disabled}
              onClick={() => context.setNaFormFor(item.id)}
              aria-label={`Not applicable: ${name}`}
            >
              N/A
            </button>
          ) : (
            <button
              type="button"
              className={buttonStyles.ghost}
              disabled={disabled}
              onClick={() => context.onChange(item, { status: "OPEN" })}
              aria-label={`Reopen: ${name}`}
            >
              Reopen
            </button>
          )}
          {/* Every role reads the details; what it may not change is shown, not offered. */}
          <button
            type="button"
            className={buttonStyles.ghost}
            aria-expanded={detailsOpen}
            onClick={() => setDetailsOpen(!detailsOpen)}
            aria-label={`Details: ${name}`}
          >
            Details
          </button>
        </div>
      </div>
      {context.naFormFor === item.id ? (
        <NotApplicableForm item={item} context={context} onDone={() => rowRef.current?.focus()} />
      ) : null}
      {detailsOpen ? <ItemDetails item={item} context={context} onClose={closeDetails} /> : null}
    </li>
  );
}

/** What the template says under the item (sub-bullets, steps, a <details> block): guidance, not a box. */
function TemplateDetails({ details }: { details: string }) {
  return (
    <div data-item-details="" className="mt-1 font-normal">
      <BlockMarkdown text={details} />
    </div>
  );
}

function Meta({ item }: { item: ChecklistItem }) {
  const state = item.state!;
  const parts = [
    state.assignee ? `Assigned to ${state.assignee.name}` : null,
    state.updatedBy ? `${state.updatedBy.name}, ${formatDateTime(state.updatedAt)}` : null,
    state.note ? "has a note" : null,
    state.evidenceLinks.length
      ? `${state.evidenceLinks.length} evidence link${state.evidenceLinks.length === 1 ? "" : "s"}`
      : null,
  ].filter(Boolean);
  return parts.length ? <p className="text-xs text-slate-600 dark:text-slate-400">{parts.join(" · ")}</p> : null;
}

/** `onDone`: the form closed (saved or cancelled); the row takes the keyboard back. */
function NotApplicableForm({
  item,
  context,
  onDone,
}: {
  item: ChecklistItem;
  context: RowContext;
  onDone: () => void;
}) {
  const close = () => {
    context.setNaFormFor(null);
    onDone();
  };
  const [error, setError] = useState("");
  const errorId = `na-error-${item.id}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const naReason = formFields(event.currentTarget).text("naReason");
    // The same schema the server applies: a reason is required.
    const parsed = updateItemStateSchema.safeParse({
      deploymentId: "-",
      itemId: item.id,
      version: 0,
      status: "NOT_APPLICABLE",
      naReason,
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message);
      return;
    }
    context.onChange(item, { status: "NOT_APPLICABLE", naReason: parsed.data.naReason });
    close();
  }
  return (
    <form noValidate onSubmit={submit} className="mt-2 flex flex-wrap items-start gap-2 pl-6">
      <label className="min-w-64 flex-1 text-sm">
        <span className="sr-only">Why does “{plainText(item.text)}” not apply?</span>
        <input
          name="naReason"
          autoFocus
          placeholder="Why does this not apply?"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={inputStyles}
          onKeyDown={(event) => event.key === "Escape" && close()}
        />
        {error ? (
          <span id={errorId} role="alert" className="mt-1 block text-sm text-red-700 dark:text-red-400">
            {error}
          </span>
        ) : null}
      </label>
      <button type="submit" className={buttonStyles.secondary}>
        Mark not applicable
      </button>
      <button type="button" className={buttonStyles.ghost} onClick={close}>
        Cancel
      </button>
    </form>
  );
}
