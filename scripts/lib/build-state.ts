// "Builds if needed": a production build exists and no source file is newer than it.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sourceRoots = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package.json",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const skipped = new Set(["node_modules", "generated", ".next", ".data"]);

export function needsBuild(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return sourceRoots.some((entry) => newestMtime(path.join(root, entry)) > builtAt);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}
