// npm test — every check: lint, format, type check, unit, integration (real Postgres:
// embedded unless DATABASE_URL is set) and end-to-end in Chromium against the production build.
// Every stage runs even when an earlier one fails; the exit code says whether all passed.
// `npm test -- e2e` (or any stage names) runs only those stages.
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./browser.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** @param {string[]} argv a stage that runs one command and passes when it exits 0 */
function run([command, ...args]) {
  return () => spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

/** @type {[string, string, () => boolean][]} */
const stages = [
  ["lint", "eslint .", run(["npx", "eslint", "."])],
  ["format", "prettier --check .", run(["npx", "prettier", "--check", "--cache", "--cache-strategy", "content", "."])],
  ["types", "tsc --noEmit", run(["npx", "tsc", "--noEmit"])],
  ["unit", "vitest run --project unit", run(["npx", "vitest", "run", "--project", "unit"])],
  ["integration", "vitest run --project integration", run(["npx", "vitest", "run", "--project", "integration"])],
  // Without a browser the stage ends on one line saying what to install, not on a stack.
  ["e2e", "playwright test", () => ensureChromium(env) !== undefined && run(["npx", "playwright", "test"])()],
];

const names = stages.map(([name]) => name);
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !names.includes(name));
if (unknown.length) {
  console.error(`Unknown stage ${unknown.join(", ")}; the stages are ${names.join(", ")}.`);
  process.exit(2);
}

const results = [];
for (const [name, description, stage] of stages) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name}: ${description}`);
  const started = Date.now();
  const ok = stage();
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary");
for (const { name, ok, seconds } of results)
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(12)} ${seconds.toFixed(1)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`stages: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
