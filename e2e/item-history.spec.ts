// Everyone reads what they may read, and the keyboard works from the start: an engineer writes
// a note and evidence, a manager assigns the item, a viewer reads all of it with its history;
// the checklist is driven by keys from page load; ?item=<key> opens the item it names.
import type { Browser, Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { REFERENCE_TEMPLATE, fillNewDeploymentForm, itemRow, unique } from "./helpers";

type Role = "MANAGER" | "ENGINEER";

/** Another person in their own browser; their console errors are collected for the end. */
async function signedIn(browser: Browser, role: Role, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${role}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${role}: ${error.message}`));
  const credential = credentialFor(role);
  await signIn(page, credential.email, credential.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

/** Creates a deployment of the seeded reference checklist; ends on its checklist, returns its path. */
async function createDeployment(page: Page, service: string): Promise<string> {
  await page.goto("/deployments/new");
  await fillNewDeploymentForm(page, { service, template: REFERENCE_TEMPLATE });
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByRole("heading", { name: `${service} 1.0.0`, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

const ITEM = "Set DEBUG=false";
const NOTE = "Checked in the production config on release day";
const EVIDENCE = "https://ci.example.com/config/42";

test.describe("item details and history for every role", () => {
  test("a manager assigns an item; a viewer reads its note, evidence link, assignee and history", async ({
    page,
    browser,
    login,
  }) => {
    const errors: string[] = [];
    const service = `history-${unique()}`;

    const engineer = await signedIn(browser, "ENGINEER", errors);
    const path = await createDeployment(engineer, service);
    await test.step("an engineer writes a note and an evidence link", async () => {
      const row = itemRow(engineer, ITEM);
      await row.getByRole("button", { name: `Details: ${ITEM}`, exact: true }).click();
      await row.getByRole("textbox", { name: "Note" }).fill(NOTE);
      await row.getByLabel("Evidence links (one per line, http or https)").fill(EVIDENCE);
      await row.getByRole("button", { name: "Save details" }).click();
      await expect(row).toContainText("has a note · 1 evidence link");
      await expect(row).toContainText("Demo Engineer,");
    });

    await test.step("a manager, who cannot tick, assigns it from the page", async () => {
      const manager = await signedIn(browser, "MANAGER", errors);
      await manager.goto(path);
      const row = itemRow(manager, ITEM);
      await expect(manager.getByRole("checkbox", { name: `Done: ${ITEM}`, exact: true })).toBeDisabled();
      await expect(row.getByRole("button", { name: `Not applicable: ${ITEM}` })).toHaveCount(0);
      await expect(manager.getByTestId("keyboard-hint")).toHaveCount(0);
      await row.getByRole("button", { name: `Details: ${ITEM}`, exact: true }).click();
      // The note is read, not edited: a manager changes no content.
      await expect(row.getByRole("textbox", { name: "Note" })).toHaveCount(0);
      await expect(row.locator("[data-item-note]")).toHaveText(NOTE);
      await row.getByLabel("Assignee").selectOption({ label: "Demo Engineer" });
      await row.getByRole("button", { name: "Save details" }).click();
      await expect(row).toContainText("Assigned to Demo Engineer");
      await expect(row).toContainText("Demo Manager,");
      await manager.context().close();
    });
    await engineer.context().close();

    await test.step("a viewer reads note, evidence, assignee and history, and is offered nothing to change", async () => {
      await login({ role: "VIEWER" });
      await page.goto(path);
      await expect(page.getByTestId("deployment-status")).toHaveText("In progress");
      // No shortcuts, no filter for work that cannot be theirs, no buttons they cannot use.
      await expect(page.getByTestId("keyboard-hint")).toHaveCount(0);
      await expect(page.getByRole("checkbox", { name: "Assigned to me" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /^Not applicable: / })).toHaveCount(0);
      await expect(page.getByRole("checkbox", { name: `Done: ${ITEM}`, exact: true })).toBeDisabled();
      await expect(page.locator("li[data-item-row]").first()).not.toBeFocused();

      const row = itemRow(page, ITEM);
      await expect(row).toContainText("Assigned to Demo Engineer");
      await row.getByRole("button", { name: `Details: ${ITEM}`, exact: true }).click();
      const details = row.locator("[data-item-details]");
      await expect(details.locator("[data-item-note]")).toHaveText(NOTE);
      const link = details.getByRole("link", { name: EVIDENCE });
      await expect(link).toHaveAttribute("href", EVIDENCE);
      await expect(link).toHaveAttribute("rel", /\bnoopener\b.*\bnoreferrer\b/);
      await expect(details).toContainText("AssigneeDemo Engineer");
      await expect(details.getByRole("button", { name: "Save details" })).toHaveCount(0);
      await expect(details.getByRole("textbox")).toHaveCount(0);
      await expect(details.getByRole("combobox")).toHaveCount(0);

      const history = details.getByRole("region", { name: "History" }).getByRole("listitem");
      await expect(history).toHaveCount(2);
      await expect(history.nth(0)).toContainText("Demo Manager assigned it to Demo Engineer.");
      await expect(history.nth(1)).toContainText(`Demo Engineer added a note: “${NOTE}”; added evidence: ${EVIDENCE}.`);
      await expect(history.nth(0).locator("time")).toHaveText(/ UTC$/);

      await details.getByRole("button", { name: "Close" }).click();
      await expect(details).toHaveCount(0);
    });
    expect(errors, "errors in the other browsers' consoles").toEqual([]);
  });
});

test.describe("the checklist by keyboard", () => {
  test("from page load: j, x, j, n, a reason, Enter, j, x — and the states are saved", async ({ page, login }) => {
    await login({ role: "ENGINEER" });
    const path = await createDeployment(page, `keys-${unique()}`);
    await page.goto(path);
    await expect(page.getByTestId("keyboard-hint")).toBeVisible();
    const rows = page.locator("li[data-item-row]");
    const reason = "The service keeps no secrets of its own.";

    // No click first: the first open item has the keyboard.
    await expect(rows.nth(0)).toBeFocused();
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("x");
    await expect(rows.nth(1)).toHaveAttribute("data-status", "DONE");
    await expect(rows.nth(1)).toContainText("Demo Engineer,");

    await page.keyboard.press("j");
    await expect(rows.nth(2)).toBeFocused();
    await page.keyboard.press("n");
    const reasonField = rows.nth(2).getByRole("textbox", { name: /^Why does “.+” not apply\?$/ });
    await expect(reasonField).toBeFocused();
    await page.keyboard.type(reason);
    await page.keyboard.press("Enter");
    await expect(rows.nth(2)).toHaveAttribute("data-status", "NOT_APPLICABLE");
    await expect(rows.nth(2)).toContainText(`N/A: ${reason}`);
    // The keyboard is back on the row: j goes on from there.
    await expect(rows.nth(2)).toBeFocused();
    await expect(rows.nth(2)).toContainText("Demo Engineer,");
    await page.keyboard.press("j");
    await expect(rows.nth(3)).toBeFocused();
    await page.keyboard.press("x");
    await expect(rows.nth(3)).toHaveAttribute("data-status", "DONE");
    await expect(rows.nth(3)).toContainText("Demo Engineer,");

    await page.reload();
    await expect(rows.nth(0)).toHaveAttribute("data-status", "OPEN");
    await expect(rows.nth(1)).toHaveAttribute("data-status", "DONE");
    await expect(rows.nth(2)).toHaveAttribute("data-status", "NOT_APPLICABLE");
    await expect(rows.nth(2)).toContainText(`N/A: ${reason}`);
    await expect(rows.nth(3)).toHaveAttribute("data-status", "DONE");
    await expect(rows.nth(4)).toHaveAttribute("data-status", "OPEN");
    await expect(rows.nth(0)).toBeFocused();
  });

  test("?item=<key> focuses that item, scrolls to it and opens its details", async ({ page, login }) => {
    await login({ role: "ENGINEER" });
    const path = await createDeployment(page, `link-${unique()}`);
    const target = page.locator("li[data-item-row]").nth(40);
    const id = await target.getAttribute("id");
    expect(id).toMatch(/^item-[a-z0-9-]+$/);

    await page.goto(`${path}?item=${id!.slice("item-".length)}`);
    const row = page.locator(`[id="${id}"]`);
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await expect(row.locator("[data-item-details]")).toBeVisible();
    await expect(row.getByRole("region", { name: "History" })).toContainText("No changes yet.");
    // The keys work from there too.
    await page.keyboard.press("x");
    await expect(row).toHaveAttribute("data-status", "DONE");
    await expect(row.getByRole("region", { name: "History" })).toContainText("Demo Engineer marked it done.");
  });
});
