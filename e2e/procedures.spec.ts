import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { unique } from "./helpers";

const PROCEDURE_OPTION = "Security Incident Response (7 steps) · Production Security Checklist v1";
const title = `Leaked API key ${unique()}`;
let runPath = "";

// The red banner appears on every page once the app layout renders <ActiveRunsBanner />;
// until then the active run is checked on the procedures list.
const layoutShowsBanner = readFileSync(path.resolve("app/(app)/layout.tsx"), "utf8").includes("ActiveRunsBanner");

const step = (page: Page, n: number) => page.locator(`li[data-step-row="${n}"]`);

test.describe.serial("emergency procedures", () => {
  test("an engineer runs Security Incident Response, keeps a timeline, finishes and exports it", async ({
    page,
    login,
  }) => {
    await login({ role: "ENGINEER" });

    await test.step("start a run", async () => {
      await page.goto("/procedures");
      await page.getByLabel("Procedure").selectOption({ label: PROCEDURE_OPTION });
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Severity").selectOption("SEV1");
      await page.getByRole("button", { name: "Start run" }).click();
      await expect(page.getByText(`Started “${title}”`)).toBeVisible();
      await expect(page).toHaveURL(/\/procedures\/[^/]+$/);
      await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      await expect(page.locator("li[data-step-row]")).toHaveCount(7);
      await expect(step(page, 1)).toContainText("Isolate affected systems");
      runPath = new URL(page.url()).pathname;
    });

    await test.step("the active run is shown prominently", async () => {
      if (layoutShowsBanner) {
        await page.goto("/maintenance");
        const banner = page.getByRole("complementary", { name: "Active procedure runs" });
        await expect(banner.getByRole("link", { name: `SEV1 · ${title}` })).toBeVisible();
        await banner.getByRole("link", { name: `SEV1 · ${title}` }).click();
        await expect(page).toHaveURL(new RegExp(`${runPath}$`));
      } else {
        await page.goto("/procedures");
        await expect(
          page.getByRole("region", { name: /^Active runs/ }).getByRole("link", { name: title }),
        ).toBeVisible();
        await page.goto(runPath);
      }
    });

    await test.step("mark a step done and skip one with a reason", async () => {
      await page.getByRole("button", { name: "Mark step 1 done" }).click();
      await expect(step(page, 1)).toContainText("Done by Demo Engineer");
      await expect(page.getByRole("button", { name: "Mark step 1 done" })).toHaveCount(0);

      await page.getByRole("button", { name: "Skip step 4" }).click();
      await page.getByRole("button", { name: "Skip step", exact: true }).click();
      await expect(step(page, 4).getByRole("alert")).toHaveText("Enter the reason for skipping this step.");
      await page.getByLabel("Reason for skipping step 4").fill("No customer data was exposed");
      await page.getByRole("button", { name: "Skip step", exact: true }).click();
      await expect(step(page, 4)).toContainText("Skipped by Demo Engineer");
      await expect(step(page, 4)).toContainText("Reason for skipping: No customer data was exposed");

      await page.getByRole("button", { name: "Add a note to step 2" }).click();
      await page.getByLabel("Note for step 2").fill("Rotation started with the database password");
      await page.getByRole("button", { name: "Save note" }).click();
      await expect(step(page, 2)).toContainText("Note: Rotation started with the database password");
    });

    await test.step("add a timeline entry", async () => {
      await page.getByLabel("Timeline entry").fill("Paged the platform team on call");
      await page.getByRole("button", { name: "Add to timeline" }).click();
      await expect(
        page.locator("li[data-timeline-entry]", { hasText: "Paged the platform team on call" }),
      ).toContainText("Demo Engineer");
    });

    await test.step("finishing is refused while steps are pending", async () => {
      await page.getByRole("button", { name: "Finish run" }).click();
      await expect(
        page.getByRole("alert").filter({ hasText: "5 steps are still pending (steps 2, 3, 5, 6, 7)" }),
      ).toBeVisible();
    });
  });

  test("a viewer reads the active run but sees no action controls", async ({ page, login }) => {
    await login({ role: "VIEWER" });
    await page.goto("/procedures");
    await expect(page.getByRole("heading", { name: "Emergency procedures", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Start a run" })).toHaveCount(0);
    await page
      .getByRole("region", { name: /^Active runs/ })
      .getByRole("link", { name: title })
      .click();
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(step(page, 3)).toContainText("Pending");
    await expect(page.getByRole("link", { name: "Export Markdown" })).toBeVisible();
    // No step, timeline or finish controls anywhere in the page's content.
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expect(page.getByLabel("Timeline entry")).toHaveCount(0);
  });

  test("the engineer settles the remaining steps, finishes and downloads the export", async ({ page, login }) => {
    await login({ role: "ENGINEER" });
    await page.goto(runPath);
    await test.step("settle the rest and finish", async () => {
      for (const n of [2, 3, 5, 6, 7]) {
        await page.getByRole("button", { name: `Mark step ${n} done` }).click();
        await expect(step(page, n)).toContainText("Done by Demo Engineer");
      }
      await expect(page.getByTestId("run-progress")).toHaveText("7/7 steps settled");
      await page.getByRole("button", { name: "Finish run" }).click();
      await expect(page.getByText("Run finished", { exact: true })).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: /^Finished .+ by Demo Engineer$/ })).toBeVisible();
      await expect(page.getByRole("button", { name: "Finish run" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Mark step/ })).toHaveCount(0);
    });

    await test.step("download the Markdown export", async () => {
      const downloadPromise = page.waitForEvent("download");
      await page.getByRole("link", { name: "Export Markdown" }).click();
      const download = await downloadPromise;
      expect(download.suggestedFilename()).toMatch(/^incident-\d{4}-\d{2}-\d{2}-leaked-api-key-[a-z0-9-]+\.md$/);
      const markdown = readFileSync(await download.path(), "utf8");
      expect(markdown).toContain(`# ${title}`);
      expect(markdown).toContain("- **Severity:** SEV1");
      expect(markdown).toContain("1. ✅ Done: Isolate affected systems");
      expect(markdown).toContain("4. ⏭️ Skipped: Notify affected users (if data breach)");
      expect(markdown).toContain("Reason for skipping: No customer data was exposed");
      expect(markdown).toContain("Note: Rotation started with the database password");
      expect(markdown).toMatch(/· Demo Engineer · Paged the platform team on call/);
      expect(markdown).toMatch(/· Demo Engineer · Finished the run\./);
    });
  });
});
