import { describe, expect, it } from "vitest";
import type { StructureItem } from "@/lib/templates/structure";
import {
  addChild,
  emptyItem,
  findItem,
  indentItem,
  moveAt,
  moveItem,
  neighbourAfterRemoval,
  outdentItem,
  removeItem,
  updateItem,
} from "./tree-ops";

/** Builds a tree from a compact spec: "a" is a leaf, ["a", [...children]] a parent. */
type Spec = string | [string, Spec[]];
function tree(specs: Spec[]): StructureItem[] {
  return specs.map((spec) =>
    typeof spec === "string"
      ? { key: spec, text: spec.toUpperCase(), children: [] }
      : { key: spec[0], text: spec[0].toUpperCase(), children: tree(spec[1]) },
  );
}

/** The tree's shape as keys, the inverse of tree(). */
function shape(items: StructureItem[]): Spec[] {
  return items.map((item) => (item.children.length ? [item.key, shape(item.children)] : item.key));
}

// a
// b
//   b1
//   b2
//     b2x
//   b3
// c
const sample = () => tree(["a", ["b", ["b1", ["b2", ["b2x"]], "b3"]], "c"]);

describe("moveAt", () => {
  it("moves an element up or down and returns the same list when it cannot", () => {
    const list = [1, 2, 3];
    expect(moveAt(list, 1, -1)).toEqual([2, 1, 3]);
    expect(moveAt(list, 1, 1)).toEqual([1, 3, 2]);
    expect(moveAt(list, 0, -1)).toBe(list);
    expect(moveAt(list, 2, 1)).toBe(list);
    expect(moveAt(list, 5, -1)).toBe(list);
    expect(list).toEqual([1, 2, 3]);
  });
});

describe("moveItem", () => {
  it("swaps an item with its previous or next sibling at any depth", () => {
    expect(shape(moveItem(sample(), "c", -1))).toEqual(["a", "c", ["b", ["b1", ["b2", ["b2x"]], "b3"]]]);
    expect(shape(moveItem(sample(), "b1", 1))).toEqual(["a", ["b", [["b2", ["b2x"]], "b1", "b3"]], "c"]);
    expect(shape(moveItem(sample(), "b3", -1))).toEqual(["a", ["b", ["b1", "b3", ["b2", ["b2x"]]]], "c"]);
  });

  it("does nothing at the edges, for an only child, or for an unknown key", () => {
    const items = sample();
    expect(moveItem(items, "a", -1)).toBe(items);
    expect(moveItem(items, "c", 1)).toBe(items);
    expect(moveItem(items, "b1", -1)).toBe(items);
    expect(moveItem(items, "b2x", 1)).toBe(items);
    expect(moveItem(items, "nope", 1)).toBe(items);
  });

  it("keeps the input untouched and untouched branches identical", () => {
    const items = sample();
    const before = structuredClone(items);
    const moved = moveItem(items, "b3", -1);
    expect(items).toEqual(before);
    expect(moved[0]).toBe(items[0]);
    expect(moved[2]).toBe(items[2]);
    expect(moved[1]).not.toBe(items[1]);
    expect(findItem(moved, "b2")).toBe(findItem(items, "b2"));
  });
});

describe("indentItem", () => {
  it("makes the item the last child of its previous sibling, children included", () => {
    expect(shape(indentItem(sample(), "c"))).toEqual(["a", ["b", ["b1", ["b2", ["b2x"]], "b3", "c"]]]);
    expect(shape(indentItem(sample(), "b"))).toEqual([["a", [["b", ["b1", ["b2", ["b2x"]], "b3"]]]], "c"]);
    expect(shape(indentItem(sample(), "b3"))).toEqual(["a", ["b", ["b1", ["b2", ["b2x", "b3"]]]], "c"]);
  });

  it("cannot indent a first sibling", () => {
    const items = sample();
    expect(indentItem(items, "a")).toBe(items);
    expect(indentItem(items, "b1")).toBe(items);
    expect(indentItem(items, "b2x")).toBe(items);
    expect(indentItem(items, "nope")).toBe(items);
  });

  it("does not mutate the input", () => {
    const items = sample();
    const before = structuredClone(items);
    indentItem(items, "b3");
    expect(items).toEqual(before);
  });
});

describe("outdentItem", () => {
  it("moves the item to just after its parent, keeping its own children", () => {
    expect(shape(outdentItem(sample(), "b2"))).toEqual(["a", ["b", ["b1", "b3"]], ["b2", ["b2x"]], "c"]);
    expect(shape(outdentItem(sample(), "b2x"))).toEqual(["a", ["b", ["b1", "b2", "b2x", "b3"]], "c"]);
  });

  it("leaves the following siblings with the old parent", () => {
    expect(shape(outdentItem(sample(), "b1"))).toEqual(["a", ["b", [["b2", ["b2x"]], "b3"]], "b1", "c"]);
  });

  it("undoes an indent", () => {
    expect(outdentItem(indentItem(sample(), "c"), "c")).toEqual(sample());
  });

  it("cannot outdent a top-level item", () => {
    const items = sample();
    expect(outdentItem(items, "a")).toBe(items);
    expect(outdentItem(items, "b")).toBe(items);
    expect(outdentItem(items, "nope")).toBe(items);
  });
});

describe("removeItem", () => {
  it("removes an item and its sub-items", () => {
    expect(shape(removeItem(sample(), "b2"))).toEqual(["a", ["b", ["b1", "b3"]], "c"]);
    expect(shape(removeItem(sample(), "b"))).toEqual(["a", "c"]);
    expect(shape(removeItem(sample(), "b2x"))).toEqual(["a", ["b", ["b1", "b2", "b3"]], "c"]);
  });

  it("returns the same tree for an unknown key", () => {
    const items = sample();
    expect(removeItem(items, "nope")).toBe(items);
  });
});

describe("updateItem", () => {
  it("changes the text and keeps the key and children", () => {
    const items = sample();
    const updated = updateItem(items, "b2", { text: "New text" });
    expect(findItem(updated, "b2")).toEqual({
      key: "b2",
      text: "New text",
      children: [{ key: "b2x", text: "B2X", children: [] }],
    });
    expect(findItem(items, "b2")?.text).toBe("B2");
    expect(updated[0]).toBe(items[0]);
  });
});

describe("addChild", () => {
  it("appends a new item to the parent's sub-items", () => {
    const updated = addChild(sample(), "b2", emptyItem("new"));
    expect(shape(updated)).toEqual(["a", ["b", ["b1", ["b2", ["b2x", "new"]], "b3"]], "c"]);
    expect(findItem(updated, "new")).toEqual({ key: "new", text: "", children: [] });
    expect(shape(addChild(sample(), "a", emptyItem("n")))).toEqual([
      ["a", ["n"]],
      ["b", ["b1", ["b2", ["b2x"]], "b3"]],
      "c",
    ]);
  });

  it("returns the same tree for an unknown parent", () => {
    const items = sample();
    expect(addChild(items, "nope", emptyItem("new"))).toBe(items);
  });
});

describe("neighbourAfterRemoval", () => {
  it("prefers the previous sibling, then the next, then the parent", () => {
    const items = sample();
    expect(neighbourAfterRemoval(items, "b3")).toBe("b2");
    expect(neighbourAfterRemoval(items, "b1")).toBe("b2");
    expect(neighbourAfterRemoval(items, "b2x")).toBe("b2");
    expect(neighbourAfterRemoval(items, "a")).toBe("b");
    expect(neighbourAfterRemoval(tree(["only"]), "only")).toBeNull();
    expect(neighbourAfterRemoval(items, "nope")).toBeNull();
  });
});
