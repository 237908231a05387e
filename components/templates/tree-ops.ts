// Pure, immutable edits of an item tree, addressed by item key. Every function returns a
// new array when something changed and the very same array when nothing did (unknown
// key, or a move that is not possible), so untouched branches keep their identity.
import type { StructureItem } from "@/lib/templates/structure";

type Items = StructureItem[];

function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((existing, i) => (i === index ? value : existing));
}

/** Applies `change` to the sibling list that directly holds `key` (the top level or some item's children). */
function withSiblings(items: Items, key: string, change: (siblings: Items, index: number) => Items): Items {
  const index = items.findIndex((item) => item.key === key);
  if (index >= 0) return change(items, index);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const children = withSiblings(item.children, key, change);
    if (children !== item.children) return replaceAt(items, i, { ...item, children });
  }
  return items;
}

/** Moves an element of a list by `offset` places (e.g. -1 = up); the same list when it cannot move. */
export function moveAt<T>(list: T[], index: number, offset: number): T[] {
  const target = index + offset;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length || offset === 0) return list;
  const next = list.slice();
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved!);
  return next;
}

/** Moves an item among its siblings: -1 up, +1 down. */
export function moveItem(items: Items, key: string, offset: -1 | 1): Items {
  return withSiblings(items, key, (siblings, index) => moveAt(siblings, index, offset));
}

/** Makes an item the last child of its previous sibling; the first sibling cannot be indented. */
export function indentItem(items: Items, key: string): Items {
  return withSiblings(items, key, (siblings, index) => {
    if (index === 0) return siblings;
    const previous = siblings[index - 1]!;
    const item = siblings[index]!;
    const adopted = { ...previous, children: [...previous.children, item] };
    return [...siblings.slice(0, index - 1), adopted, ...siblings.slice(index + 1)];
  });
}

/**
 * Moves an item out of its parent, to just after that parent. Its own children come along;
 * siblings that followed it stay with the old parent. Top-level items cannot be outdented.
 */
export function outdentItem(items: Items, key: string): Items {
  for (let p = 0; p < items.length; p++) {
    const parent = items[p]!;
    const childIndex = parent.children.findIndex((child) => child.key === key);
    if (childIndex >= 0) {
      const child = parent.children[childIndex]!;
      const remaining = { ...parent, children: parent.children.filter((_, i) => i !== childIndex) };
      return [...items.slice(0, p), remaining, child, ...items.slice(p + 1)];
    }
    const children = outdentItem(parent.children, key);
    if (children !== parent.children) return replaceAt(items, p, { ...parent, children });
  }
  return items;
}

/** Removes an item together with its sub-items. */
export function removeItem(items: Items, key: string): Items {
  return withSiblings(items, key, (siblings, index) => siblings.filter((_, i) => i !== index));
}

/** Changes an item's own fields (its text); children are kept. */
export function updateItem(items: Items, key: string, patch: Partial<Pick<StructureItem, "text" | "details">>): Items {
  return withSiblings(items, key, (siblings, index) => replaceAt(siblings, index, { ...siblings[index]!, ...patch }));
}

/** Appends `child` to the sub-items of `parentKey`. */
export function addChild(items: Items, parentKey: string, child: StructureItem): Items {
  return withSiblings(items, parentKey, (siblings, index) => {
    const parent = siblings[index]!;
    return replaceAt(siblings, index, { ...parent, children: [...parent.children, child] });
  });
}

/** A new item with no text and no sub-items. */
export function emptyItem(key: string): StructureItem {
  return { key, text: "", children: [] };
}

export function findItem(items: Items, key: string): StructureItem | null {
  for (const item of items) {
    if (item.key === key) return item;
    const found = findItem(item.children, key);
    if (found) return found;
  }
  return null;
}

/** Where focus should go when `key` is removed: the previous sibling, else the next, else the parent; null at an empty top level. */
export function neighbourAfterRemoval(items: Items, key: string, parentKey: string | null = null): string | null {
  const index = items.findIndex((item) => item.key === key);
  if (index >= 0) return items[index - 1]?.key ?? items[index + 1]?.key ?? parentKey;
  for (const item of items) {
    if (findItem(item.children, key)) return neighbourAfterRemoval(item.children, key, item.key);
  }
  return null;
}
