"use client";

import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import type { GroupChoice } from "@/lib/groups/schemas";
import { countLeaves } from "@/lib/templates/markdown/summary";
import { newKey, type StructureItem, type StructureSection } from "@/lib/templates/structure";
import { ApproverGroupSelect } from "./approver-group-select";
import { ClassificationSelects } from "./classification-selects";
import { useFocusTarget, useRequestFocus } from "./focus";
import { ItemTreeEditor } from "./item-tree-editor";
import { sectionName, type Classification } from "./labels";
import { emptyItem } from "./tree-ops";

type Props = {
  section: StructureSection;
  index: number;
  count: number;
  /** A functional update of this section. */
  onChange: (change: (section: StructureSection) => StructureSection) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  groups: GroupChoice[];
};

/** One section: its title, classification, items and the buttons that move or remove it. */
export function SectionEditor({ section, index, count, onChange, onMove, onRemove, groups }: Props) {
  const requestFocus = useRequestFocus();
  const titleRef = useFocusTarget<HTMLInputElement>(section.key, "title");
  const upRef = useFocusTarget<HTMLButtonElement>(section.key, "section-up");
  const downRef = useFocusTarget<HTMLButtonElement>(section.key, "section-down");
  const addItemRef = useFocusTarget<HTMLButtonElement>(section.key, "add-item");
  const { key } = section;
  const number = index + 1;
  const name = sectionName(section.title, index);
  const headingId = `section-${key}-heading`;
  const leaves = countLeaves(section.items);

  function updateItems(change: (items: StructureItem[]) => StructureItem[]) {
    onChange((current) => ({ ...current, items: change(current.items) }));
  }

  function addItem() {
    const item = emptyItem(newKey("i"));
    updateItems((items) => [...items, item]);
    requestFocus({ key: item.key, target: "text" });
  }

  return (
    <section aria-labelledby={headingId} className={`${cardStyles} space-y-4 p-4 sm:p-5`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          Section {number}
          <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">
            · {leaves} item{leaves === 1 ? "" : "s"}
          </span>
        </h2>
        <div className="flex flex-wrap gap-1">
          <button
            ref={upRef}
            type="button"
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={`Move ${name} up`}
            className={buttonStyles.ghost}
          >
            <span aria-hidden="true">↑</span> Up
          </button>
          <button
            ref={downRef}
            type="button"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move ${name} down`}
            className={buttonStyles.ghost}
          >
            <span aria-hidden="true">↓</span> Down
          </button>
          <button
            type="button"
            onClick={onRemove}
            aria-label={`Remove ${name}`}
            className="inline-flex items-center justify-center gap-1 rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
          >
            <span aria-hidden="true">✕</span> Remove
          </button>
        </div>
      </div>

      <div>
        <label htmlFor={`section-${key}-title`} className="block text-sm font-medium">
          Title<span className="sr-only"> of section {number}</span>
        </label>
        <input
          ref={titleRef}
          id={`section-${key}-title`}
          type="text"
          value={section.title}
          maxLength={200}
          onChange={(event) => {
            const title = event.target.value;
            onChange((current) => ({ ...current, title }));
          }}
          className={`mt-1 ${inputStyles}`}
        />
      </div>

      <ClassificationSelects
        idPrefix={`section-${key}`}
        name={name}
        value={{ kind: section.kind, priority: section.priority, cadence: section.cadence }}
        onChange={({ kind, priority, cadence }: Classification) =>
          onChange((current) => ({ ...current, kind, priority, cadence }))
        }
      />

      {groups.length > 0 || section.approverGroup ? (
        <div className="sm:max-w-md">
          <ApproverGroupSelect
            id={`section-${key}-approver-group`}
            of={name}
            groups={groups}
            value={section.approverGroup}
            onChange={(approverGroup) => onChange((current) => ({ ...current, approverGroup }))}
            hint="Because of this section, a member of this group must approve each deployment; each group named needs a different approver."
          />
        </div>
      ) : null}

      {section.content !== null ? (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Reference text</summary>
          <p className="mt-1 text-slate-600 dark:text-slate-400">Kept as imported; it is not edited here.</p>
          <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">
            {section.content}
          </pre>
        </details>
      ) : null}

      <div>
        <h3 className="sr-only">Items of section {number}</h3>
        <ItemTreeEditor sectionKey={key} items={section.items} onChange={updateItems} />
      </div>

      <button
        ref={addItemRef}
        type="button"
        onClick={addItem}
        aria-label={`Add item to ${name}`}
        className={buttonStyles.secondary}
      >
        <span aria-hidden="true">＋</span> Add item
      </button>
    </section>
  );
}
