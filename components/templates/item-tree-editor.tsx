"use client";

import { inputStyles } from "@/components/ui/styles";
import { MAX_ITEM_DETAILS, MAX_ITEM_TEXT, newKey, type StructureItem } from "@/lib/templates/structure";
import { useFocusTarget, useRequestFocus } from "./focus";
import { itemName } from "./labels";
import {
  addChild,
  emptyItem,
  indentItem,
  moveItem,
  neighbourAfterRemoval,
  outdentItem,
  removeItem,
  updateItem,
} from "./tree-ops";

type Items = StructureItem[];
/** A functional update of the section's whole item tree. */
type UpdateItems = (change: (items: Items) => Items) => void;

type TreeProps = {
  sectionKey: string;
  items: Items;
  onChange: UpdateItems;
};

/** A section's items as an editable, keyboard-operable outline. */
export function ItemTreeEditor({ sectionKey, items, onChange }: TreeProps) {
  if (items.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No items yet.</p>;
  return <ItemList sectionKey={sectionKey} root={items} items={items} depth={0} numberPrefix="" onChange={onChange} />;
}

type ListProps = TreeProps & { root: Items; depth: number; numberPrefix: string };

function ItemList({ sectionKey, root, items, depth, numberPrefix, onChange }: ListProps) {
  return (
    <ol
      className={
        depth === 0 ? "space-y-1" : "mt-1 space-y-1 border-l border-slate-200 pl-4 sm:pl-6 dark:border-slate-700"
      }
    >
      {items.map((item, index) => (
        <ItemRow
          key={item.key}
          sectionKey={sectionKey}
          root={root}
          item={item}
          index={index}
          siblingCount={items.length}
          previous={items[index - 1] ?? null}
          depth={depth}
          number={`${numberPrefix}${index + 1}`}
          onChange={onChange}
        />
      ))}
    </ol>
  );
}

type RowProps = {
  sectionKey: string;
  root: Items;
  item: StructureItem;
  index: number;
  siblingCount: number;
  previous: StructureItem | null;
  depth: number;
  /** "1.2.3": the item's place in the outline. */
  number: string;
  onChange: UpdateItems;
};

const iconButtonBase =
  "inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-sm disabled:cursor-not-allowed disabled:opacity-30";
const iconButton = `${iconButtonBase} text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800`;
const dangerIconButton = `${iconButtonBase} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`;

function ItemRow({ sectionKey, root, item, index, siblingCount, previous, depth, number, onChange }: RowProps) {
  const requestFocus = useRequestFocus();
  const textRef = useFocusTarget<HTMLInputElement>(item.key, "text");
  const upRef = useFocusTarget<HTMLButtonElement>(item.key, "up");
  const downRef = useFocusTarget<HTMLButtonElement>(item.key, "down");
  const indentRef = useFocusTarget<HTMLButtonElement>(item.key, "indent");
  const outdentRef = useFocusTarget<HTMLButtonElement>(item.key, "outdent");
  const { key } = item;
  const name = itemName(item.text, number);
  const inputId = `item-${key}`;
  const canMoveUp = index > 0;
  const canMoveDown = index < siblingCount - 1;
  const canIndent = previous !== null;
  const canOutdent = depth > 0;

  // After each change focus stays on the same control, or on its counterpart when that one is now disabled.
  function moveUp() {
    onChange((items) => moveItem(items, key, -1));
    requestFocus({ key, target: index - 1 > 0 ? "up" : "down" });
  }
  function moveDown() {
    onChange((items) => moveItem(items, key, 1));
    requestFocus({ key, target: index + 1 < siblingCount - 1 ? "down" : "up" });
  }
  function indent() {
    onChange((items) => indentItem(items, key));
    requestFocus({ key, target: previous && previous.children.length > 0 ? "indent" : "outdent" });
  }
  function outdent() {
    onChange((items) => outdentItem(items, key));
    requestFocus({ key, target: depth - 1 > 0 ? "outdent" : "indent" });
  }
  function addSubItem() {
    const child = emptyItem(newKey("i"));
    onChange((items) => addChild(items, key, child));
    requestFocus({ key: child.key, target: "text" });
  }
  function remove() {
    const neighbour = neighbourAfterRemoval(root, key);
    onChange((items) => removeItem(items, key));
    requestFocus(neighbour ? { key: neighbour, target: "text" } : { key: sectionKey, target: "add-item" });
  }

  return (
    <li>
      <div className="flex flex-wrap items-center gap-1 sm:flex-nowrap">
        <label
          htmlFor={inputId}
          className="w-12 shrink-0 text-right text-xs tabular-nums text-slate-500 dark:text-slate-400"
        >
          <span className="sr-only">Item </span>
          {number}
        </label>
        <input
          ref={textRef}
          id={inputId}
          type="text"
          value={item.text}
          maxLength={MAX_ITEM_TEXT}
          onChange={(event) => {
            const text = event.target.value;
            onChange((items) => updateItem(items, key, { text }));
          }}
          className={`${inputStyles} min-w-48 flex-1 py-1.5`}
        />
        <div className="flex shrink-0 items-center">
          <button
            ref={upRef}
            type="button"
            onClick={moveUp}
            disabled={!canMoveUp}
            aria-label={`Move item ${name} up`}
            title="Move up"
            className={iconButton}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            ref={downRef}
            type="button"
            onClick={moveDown}
            disabled={!canMoveDown}
            aria-label={`Move item ${name} down`}
            title="Move down"
            className={iconButton}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <button
            ref={indentRef}
            type="button"
            onClick={indent}
            disabled={!canIndent}
            aria-label={`Indent item ${name}`}
            title="Indent (make it a sub-item of the item above)"
            className={iconButton}
          >
            <span aria-hidden="true">→</span>
          </button>
          <button
            ref={outdentRef}
            type="button"
            onClick={outdent}
            disabled={!canOutdent}
            aria-label={`Outdent item ${name}`}
            title="Outdent"
            className={iconButton}
          >
            <span aria-hidden="true">←</span>
          </button>
          <button
            type="button"
            onClick={addSubItem}
            aria-label={`Add sub-item to ${name}`}
            title="Add sub-item"
            className={iconButton}
          >
            <span aria-hidden="true">＋</span>
          </button>
          <button
            type="button"
            onClick={remove}
            aria-label={`Remove item ${name}`}
            title={item.children.length > 0 ? "Remove (with its sub-items)" : "Remove"}
            className={dangerIconButton}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      </div>
      <DetailsEditor item={item} name={name} onChange={onChange} />
      {item.children.length > 0 ? (
        <ItemList
          sectionKey={sectionKey}
          root={root}
          items={item.children}
          depth={depth + 1}
          numberPrefix={`${number}.`}
          onChange={onChange}
        />
      ) : null}
    </li>
  );
}

/** The Markdown under the box (sub-bullets, links, a <details> block), folded away until wanted. */
function DetailsEditor({ item, name, onChange }: { item: StructureItem; name: string; onChange: UpdateItems }) {
  const { key } = item;
  const id = `item-${key}-details`;
  const has = Boolean(item.details?.trim());
  return (
    <details className="ml-13 mt-1">
      <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">
        {has ? "Details" : "Add details"}
        <span className="sr-only"> of item {name}</span>
      </summary>
      <label htmlFor={id} className="sr-only">
        Details of item {name} (Markdown)
      </label>
      <textarea
        id={id}
        value={item.details ?? ""}
        maxLength={MAX_ITEM_DETAILS}
        rows={Math.min(8, Math.max(2, (item.details ?? "").split("\n").length))}
        onChange={(event) => {
          const details = event.target.value;
          onChange((items) => updateItem(items, key, { details: details.trim() ? details : null }));
        }}
        className={`${inputStyles} mt-1 w-full font-mono text-xs`}
      />
    </details>
  );
}
