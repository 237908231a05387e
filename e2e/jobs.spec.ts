// The background jobs page, as an admin meets it: a webhook delivery that gave up is listed
// as a failed job with the receiver's answer, and Retry sends it again once the receiver is
// back. The server's own in-process runner does the work; the receiver runs on loopback.
import { startTestReceiver } from "../test/webhook-receiver";
import { withE2EDatabase } from "./database";
import { expect, test } from "./fixtures";
import { fillNewDeploymentForm, REFERENCE_TEMPLATE, unique } from "./helpers";

test("an admin sees a failed job with its error and retries it", async ({ page, login }) => {
  test.setTimeout(90_000);
  const receiver = await startTestReceiver();
  try {
    // The receiver is down for the first attempt and the last; after that it answers 200.
    receiver.answerWith(503, 503);
    await login({ role: "ADMIN" });
    await page.goto("/admin/webhooks");
    await page.getByLabel("Payload URL").fill(receiver.url);
    await page.getByRole("checkbox", { name: /Deployment cancelled/ }).click();
    await page.getByRole("button", { name: "Register webhook" }).click();
    await expect(page.getByRole("heading", { name: "Webhook registered" })).toBeVisible();
    await page.getByRole("button", { name: "Done" }).click();

    const service = `jobs-${unique()}`;
    await page.goto("/deployments/new");
    await fillNewDeploymentForm(page, { service, template: REFERENCE_TEMPLATE });
    await page.getByRole("button", { name: "Create deployment" }).click();
    await expect(page.getByRole("heading", { name: `${service} 1.0.0`, level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Cancel deployment…" }).click();
    const cancel = page.getByRole("form", { name: "Cancel deployment" });
    await cancel.getByLabel("Why is it cancelled?").fill("Testing the job queue");
    await cancel.getByRole("button", { name: "Cancel deployment" }).click();
    await expect(page.getByTestId("deployment-status")).toHaveText("Cancelled");
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);

    // Six more failures would take an hour of backoff: the delivery is given them here.
    await withE2EDatabase((db) =>
      db.query(
        `UPDATE "WebhookDelivery" d SET attempts = 7 FROM "Webhook" w WHERE w.id = d."webhookId" AND w.url = $1`,
        [receiver.url],
      ),
    );
    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: receiver.url }).click();
    const delivery = page.getByTestId("delivery-row").filter({ hasText: "deployment.cancelled" });
    await delivery.getByRole("button", { name: /^Redeliver / }).click();
    await expect(page.getByText("Queued: it is sent within a few seconds.")).toBeVisible();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(2);

    await page.goto("/admin");
    await page.getByRole("link", { name: "Background jobs" }).click();
    await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
    await expect(page.getByTestId("runner-status")).toContainText("This server runs a job runner");
    await expect(page.getByTestId("queue-row").filter({ hasText: "Maintenance tick" })).toContainText(
      "every 5 minutes",
    );
    const failed = page.getByTestId("failed-job").filter({ hasText: `deployment.cancelled to ${receiver.url}` });
    // pg-boss retries the failing job twice (sending nothing) before it counts as failed.
    await expect(async () => {
      await page.reload();
      await expect(failed).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(failed.getByTestId("job-error")).toHaveText(
      "Gave up after 8 attempts: The receiver answered HTTP 503.",
    );
    expect(receiver.requests).toHaveLength(2);

    await failed.getByRole("button", { name: /^Retry the webhook delivery job / }).click();
    await expect(page.getByText("Queued again: a runner takes it within a few seconds.")).toBeVisible();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(3);
    await expect(async () => {
      await page.reload();
      await expect(failed).toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });

    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: receiver.url }).click();
    await expect(delivery.getByTestId("delivery-status")).toHaveText("Delivered");
    // Removed again, so later specs' cancellations send it nothing.
    await page.getByRole("button", { name: "Delete…" }).click();
    await page
      .getByRole("alertdialog", { name: "Delete this webhook?" })
      .getByRole("button", { name: "Delete webhook" })
      .click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
  } finally {
    await receiver.close();
  }
});
