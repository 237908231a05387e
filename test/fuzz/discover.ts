// What the fuzz tests call, found on disk rather than listed, so an action or route added
// later is fuzzed without anyone remembering to add it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type DiscoveredAction = { file: string; name: string; takesFormData: boolean };
export type DiscoveredRoute = { file: string; methods: string[]; params: string[] };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

/** Every export of every "use server" file under app/, and whether its argument is FormData. */
export function discoverServerActions(root = "app"): DiscoveredAction[] {
  return walk(root)
    .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      if (!/^\s*["']use server["']/.test(source)) return [];
      return [...source.matchAll(/export async function (\w+)\s*\(\s*(?:\w+\s*:\s*(\w+))?/g)].map((m) => ({
        file,
        name: m[1]!,
        takesFormData: m[2] === "FormData",
      }));
    });
}

/** Every route.ts under app/api (and the app's download routes), its HTTP methods and dynamic segments. */
export function discoverRouteHandlers(root = "app"): DiscoveredRoute[] {
  return walk(root)
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const m of source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g))
        methods.add(m[1]!);
      for (const m of source.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
      const params = [...file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
      return { file, methods: [...methods].sort(), params };
    });
}

/** Field names the app's schemas use, so generated objects carry keys the parsers look at. */
export function schemaFieldNames(): string[] {
  const files = [
    ...walk("lib").filter((file) => /schemas\.ts$|validation\.ts$|structure\.ts$/.test(file)),
    ...discoverServerActions().map((a) => a.file),
  ];
  const names = new Set<string>();
  for (const file of new Set(files)) {
    for (const m of readFileSync(file, "utf8").matchAll(/^\s+(\w+):/gm)) names.add(m[1]!);
  }
  // Words zod and the message objects use, not input fields.
  for (const word of ["error", "message", "path", "code", "protocol", "SEV1", "SEV2", "SEV3", "SEV4"])
    names.delete(word);
  return [...names].sort();
}

/** A URL path for a route file with its dynamic segments filled in. */
export function routeUrl(file: string, values: Record<string, string>): string {
  const route = file
    .replace(/^app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? name));
  return `http://localhost:3100${route || "/"}`;
}
