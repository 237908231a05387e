// My work as people use it: an engineer finds the item someone assigned to them and opens it
// by its link; a reviewer finds a deployment submitted for review; the header's badge counts
// what the page lists, also after a navigation that kept the header.
import { credentialFor, expect, signIn, test } from "./fixtures";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, itemRow, unique } from "./helpers";
import type { Browser, Page } from "@playwright/test";

async function signedIn(browser: Browser, role: "ENGINEER" | "REVIEWER" | "VIEWER"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const credential = credentialFor(role);
  await signIn(page, credential.email, credential.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

const myWorkLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^My work/ });

/** The badge names what the page lists: "My work, N open" for the N rows, "My work" for none. */
async function expectBadgeToCountRows(page: Page) {
  await expect(page.getByRole("heading", { name: "My work", level: 1 })).toBeVisible();
  const rows = await page.locator("[data-my-work-row]").count();
  await expect(myWorkLink(page)).toHaveAccessibleName(rows ? `My work, ${rows} open` : "My work");
  if (rows) await expect(page.getByTestId("my-work-count")).toHaveText(String(rows));
  else await expect(page.getByTestId("my-work-count")).toHaveCount(0);
}

test.describe("my work", () => {
  test("an engineer finds the item assigned to them and opens it by its link", async ({ page, browser, login }) => {
    const title = `My work ${unique()}`;
    const markdown = `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n\n## HIGH\n- [ ] Alerts \`configured\`\n`;
    await login({ role: "ADMIN" });
    await importMarkdownByPaste(page, markdown, title);
    const service = `work-${unique()}`;
    const deploymentPath = await createDeploymentFromTemplatePage(page, { service });

    // The admin hands the high-priority item to the engineer.
    await page.getByRole("button", { name: "Details: Alerts configured" }).click();
    await itemRow(page, "Alerts configured").getByLabel("Assignee").selectOption({ label: "Demo Engineer" });
    await page.getByRole("button", { name: "Save details" }).click();
    await expect(itemRow(page, "Alerts configured")).toContainText("Assigned to Demo Engineer");

    const engineer = await signedIn(browser, "ENGINEER");
    await expect(myWorkLink(engineer)).toHaveAccessibleName(/^My work, \d+ open$/);
    await myWorkLink(engineer).click();
    await expect(engineer).toHaveURL(/\/my-work$/);
    await expectBadgeToCountRows(engineer);

    const assigned = engineer.getByRole("region", { name: /Items assigned to you/ });
    const row = assigned.locator("[data-my-work-row]", { hasText: service });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`${service} 1.0.0 · production · HIGH`);
    await row.getByRole("link", { name: /^Alerts configured/ }).click();

    await expect(engineer).toHaveURL(new RegExp(`${deploymentPath}\\?item=[^&]+$`));
    const key = new URL(engineer.url()).searchParams.get("item")!;
    const item = engineer.locator(`[id="item-${key}"]`);
    await expect(item).toBeVisible();
    await expect(item.getByRole("checkbox", { name: "Done: Alerts configured" })).toBeVisible();

    // Done, it is no longer the engineer's work: the page and the badge say so after a
    // navigation that keeps the header mounted.
    await item.getByRole("checkbox", { name: "Done: Alerts configured" }).click();
    await expect(item).toHaveAttribute("data-status", "DONE");
    // The tick shows at once; its controls wait for the server's answer (then it is saved).
    await expect(item.getByRole("checkbox", { name: "Done: Alerts configured" })).toBeEnabled();
    await myWorkLink(engineer).click();
    await expect(engineer).toHaveURL(/\/my-work$/);
    await expect(engineer.locator("[data-my-work-row]", { hasText: service })).toHaveCount(0);
    await expectBadgeToCountRows(engineer);
    await engineer.context().close();
  });

  test("a reviewer finds a deployment submitted for review and opens it", async ({ page, browser, login }) => {
    const title = `Review work ${unique()}`;
    await login({ role: "ADMIN" });
    await importMarkdownByPaste(page, `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n`, title);
    const templateUrl = page.url();

    const engineer = await signedIn(browser, "ENGINEER");
    await engineer.goto(templateUrl);
    const service = `review-${unique()}`;
    const deploymentPath = await createDeploymentFromTemplatePage(engineer, { service });
    await engineer.getByRole("checkbox", { name: "Done: Backups verified" }).click();
    await expect(itemRow(engineer, "Backups verified")).toHaveAttribute("data-status", "DONE");
    await engineer.getByRole("button", { name: "Submit for review" }).click();
    await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
    // The owner never reviews their own: an engineer has no review section at all.
    await engineer.goto("/my-work");
    await expect(engineer.getByRole("heading", { name: /Awaiting your review/ })).toHaveCount(0);
    await engineer.context().close();

    const reviewer = await signedIn(browser, "REVIEWER");
    await reviewer.goto("/my-work");
    await expectBadgeToCountRows(reviewer);
    const reviews = reviewer.getByRole("region", { name: /Awaiting your review/ });
    const row = reviews.locator("[data-my-work-row]", { hasText: service });
    await expect(row).toContainText("owner Demo Engineer");
    await row.getByRole("link", { name: `${service} 1.0.0` }).click();
    await expect(reviewer).toHaveURL(new RegExp(`${deploymentPath}$`));
    await expect(reviewer.getByRole("heading", { name: `${service} 1.0.0`, level: 1 })).toBeVisible();
    await expect(reviewer.getByTestId("deployment-status")).toHaveText("Ready for review");
    await reviewer.context().close();
  });

  test("a viewer, whom nobody gives work, has no My work link and the page says why", async ({ browser }) => {
    const viewer = await signedIn(browser, "VIEWER");
    await expect(
      viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }),
    ).toBeVisible();
    await expect(myWorkLink(viewer)).toHaveCount(0);
    await viewer.goto("/my-work");
    await expect(viewer.getByRole("heading", { name: "Nothing to do here" })).toBeVisible();
    await expect(viewer.locator("[data-my-work-section]")).toHaveCount(0);
    await viewer.context().close();
  });
});
