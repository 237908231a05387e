// Errors where they belong: a refused field shows its own sentence at the field (linked with
// aria-describedby), never the internal name the API reads ("nextReviewAt: …"); a date
// picker offers no day the server refuses; an item's Markdown reaches the invalidation
// banner as text.
import { credentialFor, expect, signIn, test } from "./fixtures";
import {
  alertWith,
  createDeploymentFromTemplatePage,
  dayFromToday,
  importMarkdownByPaste,
  itemRow,
  unique,
} from "./helpers";

/** Within the bound (twice the review interval), so the approval is accepted. */
const nextReviewDay = dayFromToday(45);

/** The UTC day `offset` days from now, YYYY-MM-DD: how the server reads a chosen date. */
function utcDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test.describe("errors where they belong", () => {
  test("the review form refuses at its fields, in words; the banner shows the item as text", async ({
    page,
    browser,
    login,
  }) => {
    const title = `Errors ${unique()}`;
    const markdown = `# ${title}\n\n## CRITICAL\n- [ ] Set \`DEBUG=false\`\n- [ ] Backups verified\n\n## HIGH\n- [ ] Alerts configured\n`;
    await login({ role: "ADMIN" });
    await importMarkdownByPaste(page, markdown, title);
    const templateUrl = page.url();

    // A reviewer owns the deployment (the admin reviews it): settle the criticals, submit.
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    const ownerCredential = credentialFor("REVIEWER");
    await signIn(owner, ownerCredential.email, ownerCredential.password);
    await expect(owner.getByTestId("current-user")).toBeVisible();
    await owner.goto(templateUrl);
    const deploymentPath = await createDeploymentFromTemplatePage(owner, { service: `errors-${unique()}` });
    // The checkbox is named for the item as read: its inline code as plain text.
    for (const text of ["Set DEBUG=false", "Backups verified"]) {
      await owner.getByRole("checkbox", { name: `Done: ${text}` }).click();
      await expect(itemRow(owner, text)).toHaveAttribute("data-status", "DONE");
    }
    await owner.getByRole("button", { name: "Submit for review" }).click();
    await expect(owner.getByTestId("deployment-status")).toHaveText("Ready for review");

    await page.goto(deploymentPath);
    const review = page.getByRole("region", { name: /In review/ });
    const comment = review.getByLabel("Review comment");
    const nextReview = review.getByLabel("Next review");

    // The picker starts at tomorrow (UTC), as the server's "in the future" does.
    await expect(nextReview).toHaveAttribute("min", utcDay(1));

    // Rejecting without a comment: the sentence at the comment, nothing else.
    await review.getByRole("button", { name: "Reject" }).click();
    const commentMessage = "Say what must change before this can be approved.";
    await expect(comment).toHaveAttribute("aria-invalid", "true");
    await expect(comment).toHaveAccessibleDescription(commentMessage);
    await expect(review.getByText(commentMessage)).toHaveCount(1);
    await expect(page.getByText(/comment:/)).toHaveCount(0);
    await expect(page.getByTestId("deployment-status")).toHaveText("Ready for review");

    // A day the picker would not offer, typed in: the server refuses it, at the field.
    await comment.fill("Restore drill evidence checked");
    await nextReview.fill("2020-01-01");
    await review.getByRole("button", { name: "Approve" }).click();
    const dateMessage = "The next review must be in the future (tomorrow or later).";
    await expect(nextReview).toHaveAccessibleDescription(dateMessage);
    await expect(nextReview).toHaveAttribute("aria-invalid", "true");
    // The comment's earlier refusal is gone; the date's shows once, at its field, in words.
    await expect(comment).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(dateMessage)).toHaveCount(1);
    await expect(page.getByText(/nextReviewAt/)).toHaveCount(0);
    await expect(page.getByTestId("deployment-status")).toHaveText("Ready for review");

    await nextReview.fill(nextReviewDay.iso);
    await review.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();
    await expect(page.getByTestId("deployment-status")).toHaveText("Signed off");

    // Reopening the item with inline code: the banner names it as text, no backticks.
    await owner.reload();
    await owner.getByRole("button", { name: "Reopen: Set DEBUG=false" }).click();
    await expect(itemRow(owner, "Set DEBUG=false")).toHaveAttribute("data-status", "OPEN");
    const banner = alertWith(owner, "Sign-off invalidated.");
    await expect(banner).toContainText("“Set DEBUG=false” changed (status) by Demo Reviewer");
    await expect(banner).not.toContainText("`");

    await page.reload();
    const reviewerBanner = alertWith(page, "Sign-off invalidated.");
    await expect(reviewerBanner).toContainText("“Set DEBUG=false” changed (status)");
    await expect(reviewerBanner).not.toContainText("`");
    await ownerContext.close();
  });

  test("a token's expiry before today is refused at its field, and the picker starts today", async ({
    page,
    login,
  }) => {
    await login({ role: "ADMIN" });
    await page.goto("/admin/tokens");
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    const expires = page.getByLabel("Expires on (optional)");
    await expect(expires).toHaveAttribute("min", utcDay(0));

    const name = `expired ${unique()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await expires.fill("2020-01-01");
    await page.getByRole("button", { name: "Create token" }).click();
    const message = "The expiry date must be today or later.";
    await expect(expires).toHaveAccessibleDescription(message);
    await expect(page.getByText(message)).toHaveCount(1);
    await expect(page.getByText(/expiresOn/)).toHaveCount(0);
    await expect(page.getByText(`Created the token “${name}”.`)).toHaveCount(0);
  });
});
