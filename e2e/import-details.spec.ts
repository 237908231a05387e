// What is written under a box stays with it: imported as the item's details, shown in the
// preview, on the template page and under the item on the checklist, while the box stays
// one tickable item and its sub-bullets are not boxes.
import { expect, test } from "./fixtures";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, itemRow, unique } from "./helpers";

test("a box's sub-bullets and <details> block show under it on the checklist, not as boxes", async ({
  page,
  login,
}) => {
  await login({ role: "ADMIN" });
  const title = `Details ${unique()}`;
  const markdown = [
    `# ${title}`,
    "",
    "## Rollout",
    "",
    "- [ ] Feature flag is off by default",
    "  * checked in the staging console",
    "  * owner signs the flag review",
    "",
    "  <details>",
    "  <summary>If the flag is stuck</summary>",
    "",
    "  Restart the flag relay, then <script>alert(1)</script> nothing runs.",
    "  </details>",
    "",
    "- [ ] Rollback tested",
    "",
  ].join("\n");
  await importMarkdownByPaste(page, markdown, title);
  // The template page lists it (inside its section, which may be folded).
  await expect(page.getByText("checked in the staging console")).toBeAttached();

  await createDeploymentFromTemplatePage(page, { service: `details-${unique()}` });
  const row = itemRow(page, "Feature flag is off by default");
  const details = row.locator("[data-item-details]");
  await expect(details.getByRole("listitem")).toHaveText([
    "checked in the staging console",
    "owner signs the flag review",
  ]);
  await expect(page.getByRole("checkbox", { name: /^Done: checked in the staging console/ })).toHaveCount(0);
  await expect(page.locator("li[data-item-row]")).toHaveCount(2);

  // The allowlisted <details> pair opens like one; HTML inside it is text.
  await details.getByText("If the flag is stuck").click();
  await expect(details.getByText("Restart the flag relay, then <script>alert(1)</script> nothing runs.")).toBeVisible();

  await row.getByRole("checkbox", { name: "Done: Feature flag is off by default" }).check();
  await expect(row).toHaveAttribute("data-status", "DONE");
});
