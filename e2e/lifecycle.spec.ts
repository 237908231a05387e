// A release from start to finish, as the people and the pipeline involved do it: an engineer
// completes the checklist, a reviewer approves, the pipeline marks it deployed with a token
// made on the command line, verification goes on after the go-live, and the next release
// starts from this one. Then cancel and reopen, and a rejection found by its filter.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, itemRow, unique } from "./helpers";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./server";

const run = promisify(execFile);

async function cli(args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: E2E_DATA_DIR, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const { stdout } = await run("node", ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
    env,
  });
  return stdout;
}

async function gateCheck(args: string[], token: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("bash", ["scripts/gate-check.sh", ...args], {
      env: { ...process.env, PREFLIGHT_URL: E2E_BASE_URL, PREFLIGHT_TOKEN: token },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

async function pageAs(browser: Browser, role: "ENGINEER" | "REVIEWER" | "MANAGER"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const credential = credentialFor(role);
  await signIn(page, credential.email, credential.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

async function templateWithVerification(page: Page): Promise<string> {
  const title = `Release path ${unique()}`;
  await importMarkdownByPaste(
    page,
    `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n\n## Post-Deployment Verification\n- [ ] Smoke test passed\n- [ ] Error rate normal\n`,
    title,
  );
  return page.url();
}

async function completeAndSubmit(engineer: Page) {
  await engineer.getByRole("checkbox", { name: "Done: Backups verified" }).click();
  await expect(itemRow(engineer, "Backups verified")).toHaveAttribute("data-status", "DONE");
  await engineer.getByRole("button", { name: "Submit for review" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
}

test("a release goes from checklist to deployed, is verified afterwards and starts the next one", async ({
  page,
  browser,
  login,
}) => {
  test.slow(); // several people in their own browsers, one after another
  await login({ role: "ADMIN" });
  const templateUrl = await templateWithVerification(page);

  const engineer = await pageAs(browser, "ENGINEER");
  await engineer.goto(templateUrl);
  const service = `life-${unique()}`;
  const path = await createDeploymentFromTemplatePage(engineer, { service, version: "1.0.0" });
  const deploymentId = path.split("/").pop()!;
  await expect(engineer.getByTestId("required-approvals")).toHaveText("1");
  await completeAndSubmit(engineer);

  const reviewer = await pageAs(browser, "REVIEWER");
  await reviewer.goto(path);
  const review = reviewer.getByRole("region", { name: /In review/ });
  await review.getByLabel("Review comment").fill("Evidence checked");
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("deployment-status")).toHaveText("Signed off");

  // The pipeline: a WRITE token made on the command line for the engineer, then the gate
  // script marks the deployment deployed once the gate is green.
  const token = (
    await cli(["token", "create", "--email", credentialFor("ENGINEER").email, "--scope", "WRITE", "--name", "ci"])
  ).trim();
  expect(token).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
  const shipped = await gateCheck(["--mark-deployed", deploymentId], token);
  expect(shipped.output).toContain(`Deployment ${deploymentId} is ready`);
  expect(shipped.code).toBe(0);

  await engineer.reload();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Deployed");
  // Verification after the go-live: tickable, and the sign-off stands.
  await engineer.getByRole("checkbox", { name: "Done: Smoke test passed" }).click();
  await expect(itemRow(engineer, "Smoke test passed")).toHaveAttribute("data-status", "DONE");
  await expect(engineer.getByRole("checkbox", { name: "Done: Backups verified" })).toBeDisabled();
  await engineer.reload();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Deployed");
  await expect(engineer.getByRole("alert").filter({ hasText: "Sign-off invalidated." })).toHaveCount(0);
  const gate = await engineer.request.get(`/api/v1/deployments/${deploymentId}/gate`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(gate.status()).toBe(200);

  // The manager finds it among deployed releases whose verification is still open.
  const manager = await pageAs(browser, "MANAGER");
  await manager.goto("/");
  await manager
    .getByRole("link", { name: /verification open/i })
    .first()
    .click();
  await expect(manager.getByRole("row", { name: new RegExp(service) })).toBeVisible();

  // The next release of the same service and environment.
  await engineer.getByRole("button", { name: "New release from this one" }).click();
  await engineer.getByRole("form", { name: "New release from this one" }).getByLabel("Version").fill("1.1.0");
  await engineer.getByRole("button", { name: "Create the next release" }).click();
  await expect(engineer.getByRole("heading", { name: `${service} 1.1.0`, level: 1 })).toBeVisible();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Draft");
  expect(engineer.url()).not.toContain(deploymentId);
});

test("a deployment is cancelled with a reason and reopened; a rejected one is found by its filter", async ({
  page,
  browser,
  login,
}) => {
  test.slow(); // several people in their own browsers, one after another
  await login({ role: "ADMIN" });
  const templateUrl = await templateWithVerification(page);
  const engineer = await pageAs(browser, "ENGINEER");
  await engineer.goto(templateUrl);
  const service = `cancel-${unique()}`;
  await createDeploymentFromTemplatePage(engineer, { service });

  await engineer.getByRole("button", { name: "Cancel deployment…" }).click();
  const cancel = engineer.getByRole("form", { name: "Cancel deployment" });
  await cancel.getByRole("button", { name: "Cancel deployment" }).click();
  await expect(cancel.getByText("Say why the deployment is cancelled.")).toBeVisible();
  await cancel.getByLabel("Why is it cancelled?").fill("Release train moved to next week");
  await cancel.getByRole("button", { name: "Cancel deployment" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Cancelled");
  await expect(engineer.getByText("Release train moved to next week")).toBeVisible();
  await expect(engineer.getByRole("checkbox", { name: "Done: Backups verified" })).toBeDisabled();
  await engineer.getByRole("button", { name: "Reopen" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("In progress");
  await expect(engineer.getByRole("checkbox", { name: "Done: Backups verified" })).toBeEnabled();

  // A second one, rejected by a reviewer, is found by the Rejected filter.
  await engineer.goto(templateUrl);
  const rejectedService = `rejected-${unique()}`;
  const rejectedPath = await createDeploymentFromTemplatePage(engineer, { service: rejectedService });
  await completeAndSubmit(engineer);
  const reviewer = await pageAs(browser, "REVIEWER");
  await reviewer.goto(rejectedPath);
  const review = reviewer.getByRole("region", { name: /In review/ });
  await review.getByLabel("Review comment").fill("Attach the restore drill");
  await review.getByRole("button", { name: "Reject" }).click();
  await expect(reviewer.getByTestId("deployment-status")).toHaveText("Rejected");
  await reviewer.goto("/deployments");
  // The label wraps its select, so its name includes the options: pick the control by name.
  await reviewer.locator('select[name="status"]').selectOption("REJECTED");
  await reviewer.getByRole("button", { name: "Apply" }).click();
  await expect(reviewer).toHaveURL(/status=REJECTED/);
  await expect(reviewer.getByRole("row", { name: new RegExp(rejectedService) })).toBeVisible();
  await expect(reviewer.getByRole("row", { name: new RegExp(service) })).toHaveCount(0);
});
