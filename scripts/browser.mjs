// Which Chromium the e2e tests drive: Debian's where installed (CI installs it), else
// Playwright's own build. playwright.config.ts and the e2e stage of `npm test` both ask here.
//
// PREFLIGHT_HIDE_BROWSERS=1 hides both, to exercise the no-browser path on a machine that
// has one: the install attempt then goes to an empty browsers folder and a closed loopback
// port, so it fails at once and downloads nothing.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";
export const HIDE_BROWSERS_VARIABLE = "PREFLIGHT_HIDE_BROWSERS";
export const NO_CHROMIUM_MESSAGE =
  "e2e: no Chromium found — install Debian's chromium (apt-get install chromium) or run `npx playwright install chromium`";

/** @param {Record<string, string | undefined>} env */
const browsersHidden = (env) => Boolean(env[HIDE_BROWSERS_VARIABLE]);

/**
 * The Chromium executable to launch, or undefined when none is installed.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | undefined}
 */
export function findChromium(env = process.env) {
  if (browsersHidden(env)) return undefined;
  // Playwright's own full Chromium, launched by path, so the check and the launch agree on
  // the binary (its separate headless shell is not needed).
  return [SYSTEM_CHROMIUM, chromium.executablePath()].find((candidate) => existsSync(candidate));
}

/**
 * The Chromium to launch; when none is installed, tries `npx playwright install chromium`
 * (it works wherever the internet is reachable). When that fails too, prints one line saying
 * what to install and returns undefined.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | undefined}
 */
export function ensureChromium(env = process.env) {
  const found = findChromium(env);
  if (found) return found;

  console.log("e2e: no Chromium found; trying `npx playwright install chromium`…");
  const hidden = browsersHidden(env);
  const emptyBrowsersFolder = hidden ? mkdtempSync(path.join(tmpdir(), "preflight-no-browsers-")) : undefined;
  const installEnv = emptyBrowsersFolder
    ? {
        ...env,
        PLAYWRIGHT_BROWSERS_PATH: emptyBrowsersFolder,
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        PLAYWRIGHT_DOWNLOAD_HOST: "http://127.0.0.1:9",
      }
    : env;
  // Its output (progress, then a stack when offline) would bury the one line that matters.
  const install = spawnSync("npx", ["playwright", "install", "--no-shell", "chromium"], {
    env: installEnv,
    stdio: "ignore",
    timeout: hidden ? 30_000 : 15 * 60_000,
  });
  if (emptyBrowsersFolder) rmSync(emptyBrowsersFolder, { recursive: true, force: true });
  const installed = install.status === 0 ? findChromium(env) : undefined;
  if (!installed) console.error(NO_CHROMIUM_MESSAGE);
  return installed;
}
