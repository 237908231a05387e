import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, itemRow, unique } from "./helpers";

const SECTION = "Critical checks";
const KEPT = "Backups are restorable";
const OLD_TEXT = "Old wording of the alert rule";
const NEW_TEXT = "Alerts page the on-call engineer";
const REMOVED = "Feature flag cleanup done";
const ADDED = "Runbook linked in the release ticket";

/** Opens a template section's "Show items" (React may keep it open across a version switch). */
async function showItems(region: Locator) {
  const details = region.locator("details");
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await region.getByText("Show items").click();
  await expect(details).toHaveAttribute("open", "");
}

test.describe("editing a template publishes a new version", () => {
  test("v2 lists its changes, v1 stays readable, a deployment moves from v1 to v2 on request", async ({
    page,
    login,
  }) => {
    test.setTimeout(120_000);
    await login({ role: "ADMIN" });
    const title = `Release gates ${unique()}`;
    const markdown = [
      `# ${title}`,
      "",
      `## ${SECTION}`,
      "",
      `- [ ] ${KEPT}`,
      `- [ ] ${OLD_TEXT}`,
      `- [ ] ${REMOVED}`,
      "",
    ].join("\n");

    const templateId = await importMarkdownByPaste(page, markdown, title);
    await expect(page.getByText("Version 1 (latest)")).toBeVisible();

    const service = `billing-${unique()}`;
    const deploymentPath = await test.step("a deployment on v1 with two items ticked", async () => {
      const path = await createDeploymentFromTemplatePage(page, { service, version: "2.0.0" });
      await expect(page.getByText(`${title} v1`)).toBeVisible();
      await page.getByRole("checkbox", { name: `Done: ${KEPT}`, exact: true }).click();
      await expect(itemRow(page, KEPT)).toHaveAttribute("data-status", "DONE");
      await expect(itemRow(page, KEPT)).toContainText("Demo Admin,");
      await page.getByRole("checkbox", { name: `Done: ${OLD_TEXT}`, exact: true }).click();
      await expect(itemRow(page, OLD_TEXT)).toHaveAttribute("data-status", "DONE");
      return path;
    });

    await test.step("edit: rename one item, remove one, add one, publish", async () => {
      await page.goto(`/templates/${templateId}`);
      await page.getByRole("link", { name: "Edit" }).click();
      await expect(page).toHaveURL(new RegExp(`/templates/${templateId}/edit$`));
      await expect(page.getByRole("textbox", { name: "Template title" })).toHaveValue(title);
      const section = page.getByRole("region", { name: /^Section 1\b/ });
      await expect(section.getByRole("textbox", { name: "Title of section 1" })).toHaveValue(SECTION);
      await expect(section.getByRole("textbox", { name: "Item 2", exact: true })).toHaveValue(OLD_TEXT);

      await section.getByRole("textbox", { name: "Item 2", exact: true }).fill(NEW_TEXT);
      await section.getByRole("button", { name: `Remove item “${REMOVED}”` }).click();
      await expect(section.getByRole("textbox", { name: "Item 3", exact: true })).toHaveCount(0);
      await section.getByRole("button", { name: `Add item to section “${SECTION}”` }).click();
      const added = section.getByRole("textbox", { name: "Item 3", exact: true });
      await expect(added).toBeFocused();
      await added.fill(ADDED);
      await page
        .getByRole("textbox", { name: "Change note (optional)" })
        .fill("Clearer alert wording; flags are cleaned up elsewhere.");
      await page.getByRole("button", { name: "Publish version 2" }).click();

      await expect(page.getByText("Published version 2")).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`/templates/${templateId}\\?v=2$`));
      await expect(page.getByText("Version 2 (latest)")).toBeVisible();
    });

    await test.step("the template page lists the changes and both versions", async () => {
      const changes = page.getByRole("region", { name: "Changes since version 1" });
      await expect(changes).toBeVisible();
      await expect(changes.getByRole("listitem")).toHaveCount(3);
      await expect(changes.getByRole("listitem").filter({ hasText: ADDED })).toContainText(`${SECTION}: ${ADDED}`);
      await expect(changes.getByRole("listitem").filter({ hasText: ADDED }).getByLabel("Added")).toHaveText("+");
      await expect(changes.getByRole("listitem").filter({ hasText: REMOVED }).getByLabel("Removed")).toBeVisible();
      await expect(changes.getByRole("listitem").filter({ hasText: NEW_TEXT })).toContainText(
        `${OLD_TEXT} → ${NEW_TEXT}`,
      );
      await expect(changes.getByRole("listitem").filter({ hasText: NEW_TEXT }).getByLabel("Changed")).toBeVisible();

      const region = page.getByRole("region", { name: SECTION, exact: true });
      await showItems(region);
      await expect(region.getByRole("listitem")).toHaveText([KEPT, NEW_TEXT, ADDED]);

      const versions = page.getByRole("navigation", { name: "Versions" });
      await expect(versions.getByRole("link")).toHaveText(["v2", "v1"]);
      await expect(versions.getByRole("link", { name: "v2" })).toHaveAttribute("aria-current", "page");
      await expect(versions).toContainText("Clearer alert wording; flags are cleaned up elsewhere.");

      await versions.getByRole("link", { name: "v1" }).click();
      await expect(page).toHaveURL(new RegExp(`/templates/${templateId}\\?v=1$`));
      await expect(page.getByText("Version 1 of 2")).toBeVisible();
      await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
      const oldRegion = page.getByRole("region", { name: SECTION, exact: true });
      await showItems(oldRegion);
      await expect(oldRegion.getByRole("listitem")).toHaveText([KEPT, OLD_TEXT, REMOVED]);
    });

    await test.step("the deployment stays on v1 until it is moved", async () => {
      await page.goto(deploymentPath);
      await expect(page.getByText(`${title} v1`)).toBeVisible();
      await expect(itemRow(page, KEPT)).toHaveAttribute("data-status", "DONE");
      await expect(itemRow(page, OLD_TEXT)).toHaveAttribute("data-status", "DONE");
      await expect(itemRow(page, REMOVED)).toHaveAttribute("data-status", "OPEN");
      await expect(itemRow(page, ADDED)).toHaveCount(0);
      await expect(page.getByText("Version 2 of this template is available.")).toBeVisible();

      await page.getByRole("button", { name: "Move to the latest version" }).click();
      await expect(
        page.getByText(
          `Moved to version 2: 1 kept, 1 reset because they changed, 1 added, 1 removed. Reset: ${NEW_TEXT}. Added: ${ADDED}. Removed: ${REMOVED}.`,
        ),
      ).toBeVisible();
      const moved = page.getByRole("status").filter({ hasText: "Moved from v1 to v2" });
      // One assertion for the whole summary: it is only briefly on screen (see the soft check below).
      await expect
        .soft(moved, "the move summary lists what was kept, reset, added and removed")
        .toHaveText(
          "Moved from v1 to v2: 1 kept, 1 reset because they changed, 1 added, 1 removed." +
            "Reset items are open again; what they held under v1, if anything, is shown beside them." +
            `Kept (unchanged) (1)${KEPT}Reset because they changed (1)${NEW_TEXT}Added (1)${ADDED}Removed (1)${REMOVED}`,
        );

      await expect(page.getByText(`${title} v2`)).toBeVisible();
      await expect(itemRow(page, KEPT)).toHaveAttribute("data-status", "DONE");
      // The reworded item starts again; what it held under v1 is shown beside it, read-only.
      await expect(itemRow(page, NEW_TEXT)).toHaveAttribute("data-status", "OPEN");
      await expect(itemRow(page, NEW_TEXT).locator("[data-previous-state]")).toContainText("From version 1: Done");
      await expect(itemRow(page, NEW_TEXT).locator("[data-previous-state]")).toContainText(`It read: ${OLD_TEXT}`);
      await expect(itemRow(page, ADDED)).toHaveAttribute("data-status", "OPEN");
      await expect(itemRow(page, REMOVED)).toHaveCount(0);
      await expect(itemRow(page, OLD_TEXT)).toHaveCount(0);
      await expect(page.getByText("Version 2 of this template is available.")).toHaveCount(0);
      // The summary of the move must stay readable once the page shows v2 (soft, so the
      // reload checks below still run when it does not).
      await expect.soft(moved, "the move summary stays after the page refreshed").toBeVisible();

      await page.reload();
      await expect(page.getByText(`${title} v2`)).toBeVisible();
      await expect(itemRow(page, KEPT)).toHaveAttribute("data-status", "DONE");
      await expect(page.getByRole("button", { name: "Move to the latest version" })).toHaveCount(0);
    });
  });
});
