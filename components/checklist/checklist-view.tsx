"use client";

import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { ItemTreeRows, type RowContext } from "@/components/checklist/item-row";
import { ReadinessHeader } from "@/components/checklist/readiness-header";
import { useChecklist, useItemUpdate, type ItemChange } from "@/components/checklist/use-checklist";
import { DeploymentLifecycle, type LifecyclePermissions } from "@/components/deployments/deployment-lifecycle";
import { SignOffPanel } from "@/components/signoff/sign-off-panel";
import { PriorityBadge } from "@/components/ui/badges";
import { cardStyles, inputStyles } from "@/components/ui/styles";
import { findItem } from "@/lib/checklists/patch";
import { itemEditable, statusLabels } from "@/lib/deployments/lifecycle";
import type { Checklist, ChecklistItem, ChecklistSection } from "@/lib/checklists/types";
import { approvalConflict } from "@/lib/auth/policy";

type Props = {
  initial: Checklist;
  currentUserId: string;
  /** The role's permissions; whether a section's items may still change follows the status. */
  canUpdate: boolean;
  canAssign: boolean;
  canSubmit: boolean;
  canReview: boolean;
  assignees: { id: string; name: string }[];
  /** What the signed-in person may do with the release itself. */
  lifecycle: LifecyclePermissions;
  /** `?item=<key>`: the item to focus, scroll to and open on load, instead of the first open one. */
  initialItemKey?: string | null;
};

type Filters = { openOnly: boolean; mine: boolean; priority: string };

export function ChecklistView({
  initial,
  currentUserId,
  canUpdate,
  canAssign,
  canSubmit,
  canReview,
  assignees,
  lifecycle,
  initialItemKey = null,
}: Props) {
  const { data: checklist } = useChecklist(initial);
  const update = useItemUpdate(checklist.deployment.id);
  const [filters, setFilters] = useState<Filters>({ openOnly: false, mine: false, priority: "" });
  const [naFormFor, setNaFormFor] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const lastRow = useRef<LastRow>({ id: null, index: -1 });

  const isVisible = useCallback(
    function visible(item: ChecklistItem): boolean {
      if (item.children.length) return item.children.some(visible);
      const state = item.state;
      if (!state) return false;
      if (filters.openOnly && state.status !== "OPEN") return false;
      if (filters.mine && state.assignee?.id !== currentUserId) return false;
      return true;
    },
    [filters, currentUserId],
  );

  function onChange(item: ChecklistItem, change: ItemChange) {
    if (!item.state) return;
    void update.run({ itemId: item.id, change, version: item.state.version });
  }

  const context: RowContext = {
    deploymentId: checklist.deployment.id,
    canUpdate,
    canAssign,
    initialDetailsKey: initialItemKey,
    assignees,
    isVisible,
    onChange,
    naFormFor,
    setNaFormFor,
    pendingItemIds: update.inFlight.map((call) => call.itemId),
    waivers: null,
  };

  // After the go-live only the post-deployment verification stays editable; cancelled, nothing.
  const editable = (kind: ChecklistSection["kind"]) =>
    (kind === "PRE_DEPLOYMENT" || kind === "POST_DEPLOYMENT") && itemEditable(checklist.deployment.status, kind);
  // Who worked on the deployment may not approve its waivers (the server refuses them too).
  const mine = checklist.signOff.contributors.find((c) => c.user.id === currentUserId);
  const waiverConflict = mine ? approvalConflict(mine.summary, "waivers of this deployment") : null;
  const sectionContext = ({ kind, priority }: ChecklistSection): RowContext => {
    const rows = editable(kind) ? context : { ...context, canUpdate: false, canAssign: false };
    // Waivers are for pre-deployment items: what the gate and the verdict look at.
    if (kind !== "PRE_DEPLOYMENT") return rows;
    return {
      ...rows,
      waivers: {
        deploymentId: checklist.deployment.id,
        currentUserId,
        canRequest: rows.canUpdate,
        canReview: canReview && editable(kind),
        conflict: waiverConflict,
        priority,
        allowCriticalWaivers: checklist.template.allowCriticalWaivers,
        reviewIntervalDays: checklist.signOff.reviewIntervalDays,
      },
    };
  };

  // Shortcuts and their hint only where the role can use them: ticking needs item:update and
  // a section that may still change; "Assigned to me" only for someone items can be given to.
  const mayChange = (kind: ChecklistSection["kind"]) => canUpdate && editable(kind);
  const keyboard = checklist.sections.some((s) => mayChange(s.kind));
  const assignable = assignees.some((person) => person.id === currentUserId);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (listRef.current)
      onChecklistKey(event, listRef.current, lastRow.current, checklist, onChange, setNaFormFor, mayChange);
  });
  useEffect(() => {
    if (!keyboard) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [keyboard]);

  // On load the keyboard starts at the item the link names (scrolled to, its details open) or
  // at the first open item the person can change, so j/k/x/n need no click first.
  const focusedOnLoad = useRef(false);
  useEffect(() => {
    const list = listRef.current;
    if (focusedOnLoad.current || !list) return;
    focusedOnLoad.current = true;
    const named = initialItemKey ? document.getElementById(`item-${initialItemKey}`) : null;
    if (named && list.contains(named)) {
      named.focus({ preventScroll: true });
      named.scrollIntoView({ block: "center" });
    } else if (keyboard) {
      // Not scrolled to: the page opens at its top, where the readiness is.
      list.querySelector<HTMLElement>('[data-item-row][data-editable][data-status="OPEN"]')?.focus({
        preventScroll: true,
      });
    }
  }, [initialItemKey, keyboard]);

  const sections = useMemo(
    () =>
      checklist.sections.filter(
        (s) => (!filters.priority || (s.priority ?? "NONE") === filters.priority) && s.items.some(isVisible),
      ),
    [checklist.sections, filters.priority, isVisible],
  );

  return (
    <div>
      <p className="mb-2 text-sm">
        Status:{" "}
        <span data-testid="deployment-status" className="font-semibold">
          {statusLabels[checklist.deployment.status]}
        </span>
      </p>
      <DeploymentLifecycle checklist={checklist} {...lifecycle} />
      <SignOffPanel checklist={checklist} currentUserId={currentUserId} canSubmit={canSubmit} canReview={canReview} />
      <ReadinessHeader readiness={checklist.readiness} verification={checklist.verification} />
      <fieldset className="mb-4 flex flex-wrap items-center gap-4 text-sm">
        <legend className="sr-only">Filter items</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="openOnly"
            checked={filters.openOnly}
            onChange={(e) => setFilters({ ...filters, openOnly: e.target.checked })}
          />{" "}
          Open only
        </label>
        {assignable ? (
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="mine"
              checked={filters.mine}
              onChange={(e) => setFilters({ ...filters, mine: e.target.checked })}
            />{" "}
            Assigned to me
          </label>
        ) : null}
        <label className="flex items-center gap-2">
          Priority
          <select
            name="priority"
            value={filters.priority}
            onChange={(e) => setFilters({ ...filters, priority: e.target.value })}
            className={`${inputStyles} w-auto py-1`}
          >
            <option value="">All</option>
            <option value="CRITICAL">Critical</option>
            <option value="HIGH">High</option>
            <option value="RECOMMENDED">Recommended</option>
            <option value="NONE">No priority</option>
          </select>
        </label>
        {keyboard ? (
          <span data-testid="keyboard-hint" className="text-xs text-slate-600 dark:text-slate-400">
            Keys: ↑/↓ or j/k move · x toggles done · n marks N/A (Enter saves the reason)
          </span>
        ) : null}
      </fieldset>
      <div
        ref={listRef}
        onFocus={(event) => {
          const row = (event.target as HTMLElement).closest<HTMLElement>("[data-item-row]");
          if (!row) return;
          const rows = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-item-row]")];
          lastRow.current = { id: row.dataset.itemRow!, index: rows.indexOf(row) };
        }}
        className="space-y-4"
      >
        {sections.length === 0 ? (
          <p className={`${cardStyles} p-6 text-center text-sm text-slate-600 dark:text-slate-400`}>
            No items match these filters.
          </p>
        ) : (
          sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`} className={`${cardStyles} p-4`}>
              <h2 id={`section-${section.id}`} className="mb-2 flex items-center gap-2 text-base font-semibold">
                {section.title} <PriorityBadge priority={section.priority} />
                {section.kind === "POST_DEPLOYMENT" ? (
                  <span className="text-xs font-normal text-slate-600 dark:text-slate-400">after deploying</span>
                ) : null}
              </h2>
              <ItemTreeRows items={section.items} context={sectionContext(section)} />
            </section>
          ))
        )}
      </div>
    </div>
  );
}

/** The row the keyboard was last on: where j/k go on from when focus has left the rows. */
type LastRow = { id: string | null; index: number };

/**
 * Keyboard: move between items and act on the focused one without the mouse. Listened for on
 * the document, so the keys also work when focus has left the rows (a closed form, a row a
 * filter hid, the page just loaded); keys typed in a field, or elsewhere on the page, are not
 * taken.
 */
function onChecklistKey(
  event: KeyboardEvent,
  list: HTMLElement,
  last: LastRow,
  checklist: Checklist,
  onChange: (item: ChecklistItem, change: ItemChange) => void,
  setNaFormFor: (id: string | null) => void,
  mayChange: (kind: ChecklistSection["kind"]) => boolean,
) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  const inList = list.contains(target);
  if (!inList && target !== document.body) return;
  if (target.closest("form") || target.isContentEditable || ["SELECT", "TEXTAREA"].includes(target.tagName)) return;
  const row = inList ? target.closest<HTMLElement>("[data-item-row]") : null;
  const rows = [...list.querySelectorAll<HTMLElement>("[data-item-row]")];
  const move = (delta: number) => {
    event.preventDefault();
    const index = nextRowIndex(rows, row ? rows.indexOf(row) : -1, last, delta);
    rows[Math.min(rows.length - 1, Math.max(0, index))]?.focus();
  };
  if (event.key === "ArrowDown" || event.key === "j") return move(1);
  if (event.key === "ArrowUp" || event.key === "k") return move(-1);
  if (!row || target !== row) return;
  const section = checklist.sections.find((s) => findItem({ ...checklist, sections: [s] }, row.dataset.itemRow!));
  const item = section ? findItem({ ...checklist, sections: [section] }, row.dataset.itemRow!) : null;
  if (!section || !item?.state || !mayChange(section.kind)) return;
  if (event.key === "x" || event.key === " ") {
    event.preventDefault();
    // The row may have been focused without scrolling (on load): show what is being ticked.
    row.scrollIntoView({ block: "nearest" });
    if (item.state.status !== "NOT_APPLICABLE")
      onChange(item, { status: item.state.status === "DONE" ? "OPEN" : "DONE" });
  } else if (event.key === "n") {
    event.preventDefault();
    setNaFormFor(item.id);
  }
}

/** From the focused row; else from the last one (or, if a filter hid it, the one now in its place). */
function nextRowIndex(rows: HTMLElement[], current: number, last: LastRow, delta: number): number {
  if (current !== -1) return current + delta;
  const found = rows.findIndex((r) => r.dataset.itemRow === last.id);
  if (found !== -1) return found + delta;
  if (last.index !== -1) return delta > 0 ? last.index : last.index - 1;
  return 0;
}
