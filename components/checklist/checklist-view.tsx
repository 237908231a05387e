"use client";

import { useCallback, useMemo, useState, type KeyboardEvent } from "react";
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
}: Props) {
  const { data: checklist } = useChecklist(initial);
  const update = useItemUpdate(checklist.deployment.id);
  const [filters, setFilters] = useState<Filters>({ openOnly: false, mine: false, priority: "" });
  const [naFormFor, setNaFormFor] = useState<string | null>(null);

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
    canUpdate,
    canAssign,
    assignees,
    isVisible,
    onChange,
    naFormFor,
    setNaFormFor,
    pendingItemIds: update.inFlight.map((call) => call.itemId),
  };

  // After the go-live only the post-deployment verification stays editable; cancelled, nothing.
  const editable = (kind: ChecklistSection["kind"]) =>
    (kind === "PRE_DEPLOYMENT" || kind === "POST_DEPLOYMENT") && itemEditable(checklist.deployment.status, kind);
  const sectionContext = (kind: ChecklistSection["kind"]): RowContext =>
    editable(kind) ? context : { ...context, canUpdate: false, canAssign: false };

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
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="mine"
            checked={filters.mine}
            onChange={(e) => setFilters({ ...filters, mine: e.target.checked })}
          />{" "}
          Assigned to me
        </label>
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
        <span className="text-xs text-slate-600 dark:text-slate-400">
          Keys: ↑/↓ or j/k move · x toggles done · n marks N/A
        </span>
      </fieldset>
      <div
        onKeyDown={(event) => onRowKey(event, checklist, onChange, setNaFormFor, (kind) => canUpdate && editable(kind))}
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
              <ItemTreeRows items={section.items} context={sectionContext(section.kind)} />
            </section>
          ))
        )}
      </div>
    </div>
  );
}

/** Keyboard: move between items and act on the focused one without the mouse. */
function onRowKey(
  event: KeyboardEvent<HTMLDivElement>,
  checklist: Checklist,
  onChange: (item: ChecklistItem, change: ItemChange) => void,
  setNaFormFor: (id: string | null) => void,
  mayChange: (kind: ChecklistSection["kind"]) => boolean,
) {
  const target = event.target as HTMLElement;
  if (target.closest("form") || target.tagName === "SELECT" || target.tagName === "TEXTAREA") return;
  const row = target.closest<HTMLElement>("[data-item-row]");
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-item-row]")];
  const index = row ? rows.indexOf(row) : -1;
  const move = (delta: number) => {
    event.preventDefault();
    rows[Math.min(rows.length - 1, Math.max(0, index + delta))]?.focus();
  };
  if (event.key === "ArrowDown" || event.key === "j") return move(1);
  if (event.key === "ArrowUp" || event.key === "k") return move(-1);
  if (!row || target !== row) return;
  const section = checklist.sections.find((s) => findItem({ ...checklist, sections: [s] }, row.dataset.itemRow!));
  const item = section ? findItem({ ...checklist, sections: [section] }, row.dataset.itemRow!) : null;
  if (!section || !item?.state || !mayChange(section.kind)) return;
  if (event.key === "x" || event.key === " ") {
    event.preventDefault();
    if (item.state.status !== "NOT_APPLICABLE")
      onChange(item, { status: item.state.status === "DONE" ? "OPEN" : "DONE" });
  } else if (event.key === "n") {
    event.preventDefault();
    setNaFormFor(item.id);
  }
}
