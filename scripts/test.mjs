// npm test — every test: type check, unit, integration (real Postgres: embedded unless
// DATABASE_URL is set) and end-to-end in Chromium against the production build.
// Every stage runs even when an earlier one fails; the exit code says whether all passed.
import { spawnSync } from "node:child_process";

const stages = [
  ["types", ["npx", "tsc", "--noEmit"]],
  ["unit", ["npx", "vitest", "run", "--project", "unit"]],
  ["integration", ["npx", "vitest", "run", "--project", "integration"]],
  ["e2e", ["npx", "playwright", "test"]],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];
for (const [name, [command, ...args]] of stages) {
  console.log(`\n=== ${name}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit", env });
  results.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

console.log("\n=== summary");
for (const { name, ok, seconds } of results)
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(12)} ${seconds.toFixed(1)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`stages: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
