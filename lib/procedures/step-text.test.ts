import { describe, expect, it } from "vitest";
import { splitStepText, stepsFromItems } from "@/lib/procedures/step-text";

describe("stepsFromItems", () => {
  it("makes one step per top-level item, in order, with nested items as sub-bullets", () => {
    const steps = stepsFromItems([
      { id: "b", parentId: null, position: 1, text: "Rotate credentials" },
      { id: "a", parentId: null, position: 0, text: "Isolate systems" },
      { id: "b2", parentId: "b", position: 1, text: "API keys" },
      { id: "b1", parentId: "b", position: 0, text: "Database" },
      { id: "b1x", parentId: "b1", position: 0, text: "Replica too" },
    ]);
    expect(steps).toEqual([
      { itemId: "a", text: "Isolate systems" },
      { itemId: "b", text: "Rotate credentials\n- Database\n  - Replica too\n- API keys" },
    ]);
    expect(splitStepText(steps[1]!.text)).toEqual({
      title: "Rotate credentials",
      details: [
        { depth: 0, text: "Database" },
        { depth: 1, text: "Replica too" },
        { depth: 0, text: "API keys" },
      ],
    });
  });
});
