import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e/server";
import { findChromium } from "./scripts/browser.mjs";

// Debian's Chromium where installed (CI installs it), else Playwright's own; with neither,
// Playwright's default launch reports what is missing (`npm test` says what to install).
const chromium = findChromium();

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: chromium ? { executablePath: chromium } : {},
      },
    },
  ],
});
