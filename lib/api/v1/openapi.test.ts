import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/v1/openapi";

/** Every route.ts under app/api/v1 as an OpenAPI path ([id] → {id}), with its methods. */
function routeFiles(dir = "app/api/v1"): { path: string; methods: string[] }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return routeFiles(file);
    if (name !== "route.ts") return [];
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export async function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) =>
      m[1]!.toLowerCase(),
    );
    return [
      {
        path: `/${path
          .dirname(file)
          .replace(/^app\//, "")
          .replace(/\[(\w+)\]/g, "{$1}")}`,
        methods,
      },
    ];
  });
}

const document = openApiDocument();

/** Every "$ref" in the document, wherever it is. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([key, v]) => (key === "$ref" && typeof v === "string" ? [v] : refs(v)));
  return [];
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a title and version", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: "Preflight API", version: "1" });
  });

  it("lists every /api/v1 route and method", () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const item = document.paths?.[route.path];
      expect(item, route.path).toBeDefined();
      expect(Object.keys(item!).sort(), route.path).toEqual(route.methods.sort());
    }
    expect(Object.keys(document.paths ?? {}).sort()).toEqual(routes.map((r) => r.path).sort());
  });

  it("gives every operation an id, a summary and responses; path parameters are declared", () => {
    const ids = new Set<string>();
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(
        item as Record<
          string,
          {
            operationId?: string;
            summary?: string;
            responses?: Record<string, unknown>;
            parameters?: { in: string; name: string }[];
          }
        >,
      )) {
        expect(operation.operationId, `${method} ${route}`).toBeTruthy();
        expect(ids.has(operation.operationId!)).toBe(false);
        ids.add(operation.operationId!);
        expect(operation.summary, `${method} ${route}`).toBeTruthy();
        expect(Object.keys(operation.responses ?? {}).length, `${method} ${route}`).toBeGreaterThan(0);
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => p.name)
          .sort();
        expect(declared, `${method} ${route}`).toEqual([...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      }
    }
  });

  it("resolves every schema reference", () => {
    const schemas = document.components?.schemas ?? {};
    const all = refs(document);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.replace("#/components/schemas/", "")], ref).toBeDefined();
    }
  });

  it("API rate limits (#18 point 9): every operation documents the 429 with Retry-After", () => {
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>,
      )) {
        expect(operation.responses?.["429"]?.headers, `${method} ${route}`).toHaveProperty("Retry-After");
      }
    }
    const schemas = document.components!.schemas! as Record<string, { properties?: Record<string, unknown> }>;
    expect(Object.keys(schemas.RateLimited!.properties!)).toEqual(
      expect.arrayContaining(["error", "code", "limit", "retryAfterSeconds"]),
    );
  });

  it("documents the gate's reason codes and the item conflict's current state", () => {
    const schemas = document.components!.schemas! as Record<string, { properties?: Record<string, unknown> }>;
    expect(JSON.stringify(schemas.GateNotReady)).toContain("OPEN_CRITICAL_ITEMS");
    expect(JSON.stringify(schemas.GateNotReady)).toContain("REVIEW_EXPIRED");
    expect(schemas.ItemConflict!.properties).toHaveProperty("current");
    expect(schemas.ItemStatePatch!.properties).not.toHaveProperty("deploymentId");
  });
});
