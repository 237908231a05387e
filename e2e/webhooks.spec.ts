// Webhooks as an admin sets them up: register a URL (the receiver this spec starts on
// loopback), see the secret once, sign a deployment off, and the server's own job runner
// delivers a signed deployment.signed_off that the receiver verifies; the list shows it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { startTestReceiver } from "../test/webhook-receiver";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, itemRow, unique } from "./helpers";

test("an admin registers a webhook and receives a signed delivery when a deployment is signed off", async ({
  page,
  browser,
  login,
}) => {
  test.setTimeout(90_000);
  const receiver = await startTestReceiver();
  try {
    await login({ role: "ADMIN" });
    await page.goto("/admin");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    // Mistakes are named before anything is saved.
    await page.getByLabel("Payload URL").fill("ftp://example.test/hook");
    await page.getByRole("button", { name: "Register webhook" }).click();
    await expect(page.getByText("The URL must start with https:// or http://.")).toBeVisible();
    await expect(page.getByLabel("Payload URL")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Choose at least one event.")).toBeVisible();

    await page.getByLabel("Payload URL").fill(receiver.url);
    await page.getByLabel("Description").fill("E2E receiver");
    await page.getByRole("checkbox", { name: /Deployment signed off/ }).click();
    await page.getByRole("button", { name: "Register webhook" }).click();
    await expect(page.getByRole("heading", { name: "Webhook registered" })).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId("webhook-row").filter({ hasText: receiver.url });
    await expect(row).toContainText("Deployment signed off");
    await expect(row).toContainText("None yet");

    // Shown once: gone after "Done" and never on the page again.
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByLabel("Signing secret")).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId("webhook-row").filter({ hasText: receiver.url })).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // An engineer gets a deployment ready for review; the admin signs it off.
    const title = `Webhook gate ${unique()}`;
    await importMarkdownByPaste(page, `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n`, title);
    const templateUrl = page.url();
    const engineerContext = await browser.newContext();
    const engineer = await engineerContext.newPage();
    const credential = credentialFor("ENGINEER");
    await signIn(engineer, credential.email, credential.password);
    await expect(engineer.getByTestId("current-user")).toBeVisible();
    await engineer.goto(templateUrl);
    const service = `hooked-${unique()}`;
    const deploymentPath = await createDeploymentFromTemplatePage(engineer, { service });
    await engineer.getByRole("checkbox", { name: "Done: Backups verified" }).click();
    await expect(itemRow(engineer, "Backups verified")).toHaveAttribute("data-status", "DONE");
    await engineer.getByRole("button", { name: "Submit for review" }).click();
    await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
    await engineerContext.close();

    await page.goto(deploymentPath);
    await page
      .getByRole("region", { name: /In review/ })
      .getByRole("button", { name: "Approve" })
      .click();
    await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();

    // The server's job runner sends it within seconds; the receiver checks the signature itself.
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
    const delivery = receiver.requests[0]!;
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["x-preflight-event"]).toBe("deployment.signed_off");
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`);
    const signature = Buffer.from(String(delivery.headers["x-preflight-signature"]));
    expect(signature.length === expected.length && timingSafeEqual(signature, expected)).toBe(true);
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({
      id: delivery.headers["x-preflight-delivery"],
      event: "deployment.signed_off",
      data: { deployment: { id: deploymentPath.split("/").pop(), service, version: "1.0.0", status: "SIGNED_OFF" } },
    });

    // The deliveries list shows it delivered, with the receiver's answer.
    await page.goto("/admin/webhooks");
    await page.getByRole("link", { name: receiver.url }).click();
    const deliveryRow = page.getByTestId("delivery-row").filter({ hasText: "deployment.signed_off" });
    await expect(deliveryRow.getByTestId("delivery-status")).toHaveText("Delivered");
    await expect(deliveryRow).toContainText("200");

    // Deleting asks first, then removes it with its history.
    await page.getByRole("button", { name: "Delete…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete this webhook?" });
    await confirm.getByRole("button", { name: "Delete webhook" }).click();
    await expect(page).toHaveURL(/\/admin\/webhooks$/);
    await expect(page.getByText(`Deleted the webhook for ${receiver.url}.`)).toBeVisible();
    await expect(page.getByTestId("webhook-row").filter({ hasText: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
