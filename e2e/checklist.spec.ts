import { expect, test } from "./fixtures";
import { REFERENCE_CHECKLIST, checklistSection, createDeploymentFromTemplatePage, itemRow, unique } from "./helpers";

const CRITICAL_TITLE = "🔴 CRITICAL - Must Complete";

test.describe("import the seed through the browser, run a deployment", () => {
  let importedTemplateId: string | null = null;

  // The import creates a second "Production Security Checklist". Other specs find the seeded
  // one by that name (a link's text, a select option's label), so rename the copy afterwards.
  test.afterEach(async ({ page }) => {
    if (!importedTemplateId) return;
    await page.goto(`/templates/${importedTemplateId}/edit`);
    await page.getByRole("textbox", { name: "Template title" }).fill(`E2E import of the security list ${unique()}`);
    await page.getByRole("button", { name: /^Publish version \d+$/ }).click();
    await expect(page.getByText(/^Published version \d+$/)).toBeVisible();
    importedTemplateId = null;
  });

  test("import the reference file, create a deployment, tick, mark N/A, reach the gate, use the keyboard", async ({
    page,
    login,
  }) => {
    // 27 critical items ticked one by one, each confirmed by the server.
    test.setTimeout(180_000);
    await login({ role: "ADMIN" });

    await test.step("import the reference Markdown file through the file input", async () => {
      await page.goto("/templates");
      await page.getByRole("link", { name: "Import Markdown" }).click();
      await expect(page).toHaveURL(/\/templates\/import$/);
      await page.getByLabel("Or upload a .md file").setInputFiles(REFERENCE_CHECKLIST);
      await expect(page.getByText("Using production-security-checklist.md")).toBeVisible();
      await page.getByRole("button", { name: "Preview" }).click();

      await expect(page.getByTestId("import-summary")).toHaveText(
        "27 critical · 23 high · 23 recommended · 18 post-deployment · 12 maintenance · 12 procedure steps",
      );
      await expect(page.getByRole("heading", { name: "Production Security Checklist", level: 2 })).toBeVisible();
      await expect(page.getByText(CRITICAL_TITLE, { exact: true })).toBeVisible();
      await expect(page.getByLabel(`Priority of section “${CRITICAL_TITLE}”`)).toHaveValue("CRITICAL");
      await expect(page.locator("main")).not.toContainText("ðŸ");

      await page.getByRole("button", { name: "Import template" }).click();
      await expect(page.getByText("Imported “Production Security Checklist”")).toBeVisible();
      await expect(page).toHaveURL(/\/templates\/(?!import$)[^/?]+$/);
      importedTemplateId = new URL(page.url()).pathname.split("/").pop()!;
      await expect(page.getByRole("heading", { name: "Production Security Checklist", level: 1 })).toBeVisible();
      await expect(page.getByRole("region", { name: CRITICAL_TITLE, exact: true })).toBeVisible();
      await expect(page.locator("main")).not.toContainText("ðŸ");
    });

    const service = `checkout-${unique()}`;
    await test.step("create a deployment from that template page", async () => {
      await createDeploymentFromTemplatePage(page, { service, version: "3.1.0" });
      await expect(page.getByText("Production Security Checklist v1")).toBeVisible();
      await expect(page.getByTestId("deployment-status")).toHaveText("Draft");
      await expect(page.getByTestId("gate")).toHaveText("No-go");
      await expect(page.getByTestId("progress-CRITICAL")).toContainText("0/27");
      await expect(page.getByTestId("progress-HIGH")).toContainText("0/23");
    });

    const ticked = ["Set DEBUG=false", "Verify .env is listed in .gitignore"];
    const notApplicable = "Enable rate limiting at reverse proxy level";
    const reason = `Rate limits live in the API gateway (${service}).`;

    await test.step("tick two critical items and mark a high item not applicable", async () => {
      for (const text of ticked) {
        // click, not check(): the optimistic update lands a tick after the click event, so
        // check() can see the controlled box still unchecked and give up.
        await page.getByRole("checkbox", { name: `Done: ${text}`, exact: true }).click();
        await expect(itemRow(page, text)).toHaveAttribute("data-status", "DONE");
        // The server's answer names who changed it; the optimistic state does not.
        await expect(itemRow(page, text)).toContainText("Demo Admin,");
      }
      await expect(page.getByTestId("deployment-status")).toHaveText("In progress");
      await expect(page.getByTestId("progress-CRITICAL")).toContainText("2/27");

      const row = itemRow(page, notApplicable);
      await row.getByRole("button", { name: `Not applicable: ${notApplicable}`, exact: true }).click();
      await row.getByRole("button", { name: "Mark not applicable" }).click();
      await expect(row.getByRole("alert")).toHaveText("Say why this item does not apply.");
      await expect(row).toHaveAttribute("data-status", "OPEN");
      await expect(row).not.toContainText("Demo Admin,");

      await row.getByRole("textbox", { name: `Why does “${notApplicable}” not apply?` }).fill(reason);
      await row.getByRole("button", { name: "Mark not applicable" }).click();
      await expect(row).toHaveAttribute("data-status", "NOT_APPLICABLE");
      await expect(row).toContainText(`N/A: ${reason}`);
      await expect(row).toContainText("Demo Admin,");
      await expect(row.getByRole("button", { name: `Reopen: ${notApplicable}`, exact: true })).toBeVisible();
      await expect(page.getByTestId("progress-HIGH")).toContainText("1/23");
      await expect(page.getByTestId("gate")).toHaveText("No-go");
    });

    await test.step("a reload shows the same state", async () => {
      await page.reload();
      for (const text of ticked) {
        await expect(itemRow(page, text)).toHaveAttribute("data-status", "DONE");
        await expect(page.getByRole("checkbox", { name: `Done: ${text}`, exact: true })).toBeChecked();
      }
      await expect(itemRow(page, notApplicable)).toHaveAttribute("data-status", "NOT_APPLICABLE");
      await expect(itemRow(page, notApplicable)).toContainText(`N/A: ${reason}`);
      await expect(page.getByTestId("deployment-status")).toHaveText("In progress");
      await expect(page.getByTestId("progress-CRITICAL")).toContainText("2/27");
      await expect(page.getByTestId("progress-HIGH")).toContainText("1/23");
    });

    await test.step("completing every critical item turns the gate from No-go to Go with risks", async () => {
      const critical = checklistSection(page, /CRITICAL - Must Complete/);
      await expect(critical.locator("li[data-item-row]")).toHaveCount(27);
      const open = critical.locator('li[data-item-row][data-status="OPEN"]');
      await expect(open).toHaveCount(25);
      for (let remaining = 25; remaining > 0; remaining--) {
        const id = await open.first().getAttribute("data-item-row");
        const row = page.locator(`li[data-item-row="${id}"]`);
        await expect(page.getByTestId("gate"), `with ${remaining} critical item(s) open`).toHaveText("No-go");
        await row.getByRole("checkbox", { name: /^Done: / }).click();
        await expect(row).toHaveAttribute("data-status", "DONE");
        await expect(row).toContainText("Demo Admin,");
      }
      await expect(open).toHaveCount(0);
      await expect(page.getByTestId("progress-CRITICAL")).toContainText("27/27");
      await expect(page.getByTestId("gate")).toHaveText("Go with risks");

      await page.reload();
      await expect(page.getByTestId("gate")).toHaveText("Go with risks");
      await expect(page.getByTestId("progress-CRITICAL")).toContainText("27/27");
    });

    await test.step("keyboard: ArrowDown moves to the next row, x ticks it", async () => {
      const high = checklistSection(page, /HIGH PRIORITY - Strongly Recommended/);
      const rows = high.locator("li[data-item-row]");
      const first = rows.nth(0);
      const second = rows.nth(1);
      await expect(first).toHaveAttribute("data-status", "OPEN");
      await expect(second).toHaveAttribute("data-status", "OPEN");
      await first.focus();
      await expect(first).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(second).toBeFocused();
      await page.keyboard.press("x");
      await expect(second).toHaveAttribute("data-status", "DONE");
      await expect(second).toContainText("Demo Admin,");
      await expect(first).toHaveAttribute("data-status", "OPEN");
      await expect(page.getByTestId("progress-HIGH")).toContainText("2/23");
    });
  });
});
