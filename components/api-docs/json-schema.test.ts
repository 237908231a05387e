import { describe, expect, it } from "vitest";
import { fieldsOf, typeName } from "@/components/api-docs/json-schema";
import { openApiDocument } from "@/lib/api/v1/openapi";

const components = openApiDocument().components!.schemas! as Parameters<typeof fieldsOf>[1];

describe("the API reference's reading of the schemas", () => {
  it("lists a request body's fields with types, required flags, limits and examples", () => {
    const rows = fieldsOf({ $ref: "#/components/schemas/ItemStatePatch" }, components);
    expect(rows.find((r) => r.name === "version")).toMatchObject({
      type: "integer",
      required: true,
      constraints: ["≥ 0"],
    });
    expect(rows.find((r) => r.name === "status")).toMatchObject({
      type: '"OPEN" | "DONE" | "NOT_APPLICABLE"',
      required: false,
    });
    expect(rows.find((r) => r.name === "evidenceLinks")).toMatchObject({ type: "string (uri)[]" });
    expect(rows.find((r) => r.name === "note")!.type).toBe("string | null");
  });

  it("flattens nested objects and names referenced schemas", () => {
    const rows = fieldsOf({ $ref: "#/components/schemas/Overview" }, components);
    expect(rows.map((r) => r.name)).toContain("counts.blocked");
    expect(rows.find((r) => r.name === "deployments")!.type).toBe("DeploymentPage");
    expect(typeName({ type: "array", items: { $ref: "#/components/schemas/ChecklistItem" } }, components)).toBe(
      "ChecklistItem[]",
    );
  });
});
