// The e2e stage of `npm test` on a machine without a browser: one line saying what to
// install and a failing exit, not Playwright's stack. PREFLIGHT_HIDE_BROWSERS hides the
// installed browsers and keeps the install attempt offline (it downloads nothing).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findChromium, HIDE_BROWSERS_VARIABLE, NO_CHROMIUM_MESSAGE } from "./browser.mjs";

const root = path.resolve(import.meta.dirname, "..");

describe("the e2e stage without a browser", () => {
  it("tries to install Chromium, then ends on one line naming what to install, with a failing exit", () => {
    const result = spawnSync(process.execPath, ["scripts/test.mjs", "e2e"], {
      cwd: root,
      env: { ...process.env, [HIDE_BROWSERS_VARIABLE]: "1" },
      encoding: "utf8",
      timeout: 80_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([NO_CHROMIUM_MESSAGE]);
    expect(result.stdout).toContain("trying `npx playwright install chromium`");
    expect(result.stdout).toMatch(/FAIL {2}e2e/);
    expect(result.stdout).toContain("stages: 0 passed, 1 failed");
  }, 90_000);

  it("names the package and the command", () => {
    expect(NO_CHROMIUM_MESSAGE).toBe(
      "e2e: no Chromium found — install Debian's chromium (apt-get install chromium) or run `npx playwright install chromium`",
    );
    expect(findChromium({ [HIDE_BROWSERS_VARIABLE]: "1" })).toBeUndefined();
  });
});
