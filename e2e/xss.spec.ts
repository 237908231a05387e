import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createDeploymentFromTemplatePage, fillNewDeploymentForm, itemRow, unique } from "./helpers";

const SCRIPT_ITEM = "<script>alert(1)</script> stays text";
const IMG_ITEM = "<img src=x onerror=alert(2)> stays text";
const NOTE = "<img src=x onerror=alert(4)>";

function probeMarkdown(title: string): string {
  return [
    `# ${title}`,
    "",
    "## CRITICAL - checks",
    `- [ ] ${SCRIPT_ITEM}`,
    `- [ ] ${IMG_ITEM}`,
    "- [ ] [click me](javascript:alert(3))",
    "- [ ] **bold** and `code` and [docs](https://example.com)",
    "",
  ].join("\n");
}

/** Item text rendered from user Markdown: shown as text, never as markup or script. */
async function expectInert(page: Page) {
  await expect(page.getByText(SCRIPT_ITEM, { exact: true })).toBeVisible();
  await expect(page.getByText(IMG_ITEM, { exact: true })).toBeVisible();
  await expect(page.locator("script", { hasText: "alert(1)" })).toHaveCount(0);
  await expect(page.locator("script", { hasText: "alert(" })).toHaveCount(0);
  await expect(page.locator("[onerror]")).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.getByText("click me", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "click me" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "docs", exact: true })).toHaveAttribute("href", "https://example.com");
  await expect(page.locator("strong", { hasText: /^bold$/ })).toBeVisible();
  await expect(page.locator("code", { hasText: /^code$/ })).toBeVisible();
}

test.describe("user-written text renders inert", () => {
  test("script, event handlers and javascript: links in a checklist stay text everywhere", async ({ page, login }) => {
    test.setTimeout(90_000);
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await login({ role: "ADMIN" });
    const title = `XSS probe ${unique()}`;

    await test.step("preview", async () => {
      await page.goto("/templates/import");
      await page.getByLabel("Paste Markdown").fill(probeMarkdown(title));
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
      await expect(page.getByTestId("import-summary")).toContainText("4 critical");
      await page.locator("summary", { hasText: "CRITICAL - checks" }).click();
      await expectInert(page);
      expect(dialogs).toEqual([]);
    });

    await test.step("import and the template page", async () => {
      await page.getByRole("button", { name: "Import template" }).click();
      await expect(page.getByText(`Imported “${title}”`)).toBeVisible();
      await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      await page.getByRole("region", { name: "CRITICAL - checks" }).getByText("Show items").click();
      await expectInert(page);
      expect(dialogs).toEqual([]);
    });

    const service = `xss-${unique()}`;
    await test.step("a service name with < > is refused", async () => {
      await page.getByRole("link", { name: "New deployment" }).click();
      await expect(page).toHaveURL(/\/deployments\/new\?templateVersion=/);
      await fillNewDeploymentForm(page, { service: "<script>alert(5)</script>" });
      await page.getByRole("button", { name: "Create deployment" }).click();
      await expect(page.getByText("The service cannot contain control characters or < >.")).toBeVisible();
      await expect(page.getByLabel("Service")).toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/deployments\/new\?templateVersion=/);
      await page.goBack();
      await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    });

    await test.step("the deployment's checklist", async () => {
      await createDeploymentFromTemplatePage(page, { service });
      await expect(page.getByTestId("gate")).toHaveText("No-go");
      await expectInert(page);
      expect(dialogs).toEqual([]);
    });

    await test.step("a note with an event handler stays text", async () => {
      const row = itemRow(page, SCRIPT_ITEM);
      await row.getByRole("button", { name: `Details: ${SCRIPT_ITEM}`, exact: true }).click();
      await row.getByRole("textbox", { name: "Note" }).fill(NOTE);
      await row.getByRole("button", { name: "Save details" }).click();
      await expect(row).toContainText("has a note");
      await expect(row).toContainText("Demo Admin,");

      await page.reload();
      await expect(row).toContainText("has a note");
      await row.getByRole("button", { name: `Details: ${SCRIPT_ITEM}`, exact: true }).click();
      await expect(row.getByRole("textbox", { name: "Note" })).toHaveValue(NOTE);
      await expectInert(page);
      expect(dialogs).toEqual([]);
    });
  });
});
