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

test("front matter shows on the template page; details are edited in the editor and listed as a change", async ({
  page,
  login,
}) => {
  await login({ role: "ADMIN" });
  const title = `Front matter ${unique()}`;
  const markdown = [
    "---",
    `title: ${title}`,
    "owner: release-team",
    "---",
    "",
    "## Rollout",
    "",
    "- [ ] Canary healthy for an hour",
    "  - watch the error budget",
    "- [ ] Rollback rehearsed",
    "",
  ].join("\n");
  const templateId = await importMarkdownByPaste(page, markdown, title);
  const frontMatter = page.getByRole("region", { name: "Front matter" });
  await expect(frontMatter.getByRole("term")).toHaveText(["owner"]);
  await expect(frontMatter.getByRole("definition")).toHaveText(["release-team"]);

  await page.getByRole("link", { name: "Edit" }).click();
  const section = page.getByRole("region", { name: /^Section 1\b/ });
  // Details fold away under their item; the summary says which have some.
  await section.getByText("Details of item “Canary healthy for an hour”", { exact: true }).click();
  await expect(
    section.getByRole("textbox", { name: "Details of item “Canary healthy for an hour” (Markdown)" }),
  ).toHaveValue("- watch the error budget");
  await section.getByText("Add details of item “Rollback rehearsed”").click();
  await section
    .getByRole("textbox", { name: "Details of item “Rollback rehearsed” (Markdown)" })
    .fill("1. scale the old version up\n2. move the traffic back");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByText("Published version 2")).toBeVisible();

  const changes = page.getByRole("region", { name: "Changes since version 1" });
  await expect(changes.getByRole("listitem")).toHaveText(["~Rollout: Rollback rehearsed (details edited)"]);
  // The metadata is kept by the edit, and the export writes it back as front matter.
  await expect(page.getByRole("region", { name: "Front matter" }).getByRole("definition")).toHaveText(["release-team"]);
  const exported = await page.request.get(`/templates/${templateId}/export`);
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  expect(text.startsWith(`---\nowner: release-team\n---\n# ${title}\n`)).toBe(true);
  expect(text).toContain("- [ ] Rollback rehearsed\n\n  1. scale the old version up\n  2. move the traffic back");
});
