// Sign-off as people with different roles do it: four eyes, the reviewer's decision, the
// footer, and a later change that invalidates the sign-off.
import { credentialFor, expect, signIn, test } from "./fixtures";
import { createDeploymentFromTemplatePage, dayFromToday, importMarkdownByPaste, itemRow, unique } from "./helpers";

/** Within the bound (twice the review interval), so the approval is accepted. */
const nextReviewDay = dayFromToday(45);
const OWNER_REFUSAL =
  "You may not approve this deployment: you created it, owned it and changed the status of 2 of its items. A reviewer who did not work on it must approve it.";

test.describe("sign-off", () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("owner cannot approve, another reviewer can, a later change invalidates it", async ({
    page,
    browser,
    login,
  }) => {
    const title = `Release gate ${unique()}`;
    const markdown = `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n- [ ] Secrets rotated\n\n## HIGH\n- [ ] Alerts configured\n`;
    await login({ role: "ADMIN" });
    await importMarkdownByPaste(page, markdown, title);
    const templateUrl = page.url();

    // A reviewer owns this deployment: they do the work and ask for review.
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    const reviewerOwner = credentialFor("REVIEWER");
    await signIn(owner, reviewerOwner.email, reviewerOwner.password);
    await expect(owner.getByTestId("current-user")).toBeVisible();
    await owner.goto(templateUrl);
    const service = `gate-${unique()}`;
    const deploymentPath = await createDeploymentFromTemplatePage(owner, { service });
    await expect(owner.getByRole("button", { name: "Submit for review" })).toBeDisabled();
    for (const text of ["Backups verified", "Secrets rotated"]) {
      // click, not check(): the box turns checked when the optimistic update renders.
      await owner.getByRole("checkbox", { name: `Done: ${text}` }).click();
      await expect(itemRow(owner, text)).toHaveAttribute("data-status", "DONE");
    }
    await expect(owner.getByTestId("gate")).toHaveText("Go with risks");
    await owner.getByRole("button", { name: "Submit for review" }).click();
    await expect(owner.getByTestId("deployment-status")).toHaveText("Ready for review");

    // Separation of duties: no approve button for who did the work, and the server refuses a crafted request.
    await expect(owner.getByTestId("approval-conflict")).toHaveText(OWNER_REFUSAL);
    await expect(owner.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const deploymentId = deploymentPath.split("/").pop()!;
    const crafted = await owner.request.post(`/api/v1/deployments/${deploymentId}/approvals`, {
      data: { comment: "self-approval", digest: "0".repeat(64) },
    });
    expect(crafted.status()).toBe(403);
    expect(await crafted.json()).toEqual({ error: OWNER_REFUSAL, code: "SEPARATION_OF_DUTIES" });

    // Another reviewer (the admin) sees what they approve, then approves.
    await page.goto(deploymentPath);
    const review = page.getByRole("region", { name: /In review/ });
    await expect(review.getByRole("heading", { name: "Open high-priority items (1)" })).toBeVisible();
    await expect(review.getByText("Alerts configured")).toBeVisible();
    await review.getByLabel("Review comment").fill("Restore drill evidence checked");
    await review.getByLabel("Next review").fill(nextReviewDay.iso);
    await review.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();
    await expect(page.getByTestId("deployment-status")).toHaveText("Signed off");
    const footer = page.getByTestId("review-footer");
    await expect(footer).toContainText("Reviewed by:Demo Admin");
    await expect(footer).toContainText(`Next review:${nextReviewDay.shown}`);
    await expect(footer).toContainText("Last updated:");

    // An engineer reopens a critical item: the sign-off is invalidated, visibly.
    const engineerContext = await browser.newContext();
    const engineer = await engineerContext.newPage();
    const engineerCredential = credentialFor("ENGINEER");
    await signIn(engineer, engineerCredential.email, engineerCredential.password);
    await expect(engineer.getByTestId("current-user")).toBeVisible();
    await engineer.goto(deploymentPath);
    await engineer.getByRole("button", { name: "Reopen: Backups verified" }).click();
    await expect(itemRow(engineer, "Backups verified")).toHaveAttribute("data-status", "OPEN");
    const banner = engineer.getByRole("alert").filter({ hasText: "Sign-off invalidated." });
    await expect(banner).toContainText("“Backups verified” changed (status) by Demo Engineer");
    await expect(engineer.getByTestId("deployment-status")).toHaveText("In progress");
    await expect(engineer.getByTestId("review-footer")).toContainText("Reviewed by:not yet");

    await page.reload();
    await expect(page.getByRole("alert").filter({ hasText: "Sign-off invalidated." })).toBeVisible();
    await ownerContext.close();
    await engineerContext.close();
  });
});
