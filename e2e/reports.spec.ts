// Reports: the overview's trend charts (and their empty states), and the printable signed
// record of one deployment, on screen, in print media and as a PDF.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import {
  createDeploymentFromTemplatePage,
  dayFromToday,
  fillNewDeploymentForm,
  importMarkdownByPaste,
  itemRow,
  REFERENCE_TEMPLATE,
  unique,
} from "./helpers";

/** Within the bound (twice the review interval), so the approval is accepted. */
const nextReviewDay = dayFromToday(45);

// Monthly, not weekly: a list counts in the month its period ends, and a week can end next month.
const MONTHLY_OPTION = "Production Security Checklist v1 · Monthly (Monthly, 4 tasks)";

/** Serious or critical WCAG A/AA problems inside `selector`, as "rule: targets" lines. */
async function accessibilityProblems(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

test("the overview charts readiness per release and maintenance completion, with the numbers for screen readers", async ({
  page,
  login,
}) => {
  await login({ role: "ENGINEER" });
  const service = `trend-${unique()}`;

  // A schedule makes this period's task list, so this month has maintenance tasks to chart.
  await page.goto("/maintenance");
  await page.getByLabel("Maintenance section").selectOption({ label: MONTHLY_OPTION });
  await page.getByLabel("One service and environment").check();
  await page.getByLabel("Service", { exact: true }).fill(service);
  await page.getByLabel("Environment", { exact: true }).fill("production");
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText(`Created the monthly schedule “Monthly” for ${service}/production`)).toBeVisible();

  for (const version of ["1.0.0", "1.1.0"]) {
    await page.goto("/deployments/new");
    await fillNewDeploymentForm(page, { service, version, template: REFERENCE_TEMPLATE });
    await page.getByRole("button", { name: "Create deployment" }).click();
    await expect(page.getByText(`Created ${service} ${version}`)).toBeVisible();
    await expect(page.getByRole("heading", { name: `${service} ${version}`, level: 1 })).toBeVisible();
  }
  await page.getByRole("checkbox", { name: "Done: Set DEBUG=false", exact: true }).click();
  await expect(itemRow(page, "Set DEBUG=false")).toHaveAttribute("data-status", "DONE");

  await page.goto(`/?service=${service}`);
  const trends = page.getByRole("region", { name: "Trends" });
  const readiness = trends.getByRole("img", {
    name: new RegExp(
      `^Readiness by release for 1 service and environment\\. ${service} / production: 2 releases, from 0% \\(1\\.0\\.0\\) to \\d+% \\(1\\.1\\.0\\)`,
    ),
  });
  await expect(readiness).toBeVisible();
  // Below the list, a chart is drawn when it scrolls near the viewport, not during page load.
  await readiness.scrollIntoViewIfNeeded();
  await expect(readiness.locator(".recharts-cartesian-grid")).toBeVisible();
  await expect(readiness.locator(".recharts-line-dot")).toHaveCount(2);
  // Each release is labelled with its version (not "−1 / latest").
  // (recharts draws the tick labels in a layer of their own, outside the axis group)
  const ticks = readiness.locator(".recharts-cartesian-axis-tick-value");
  await expect(ticks.filter({ hasText: /^1\.0\.0$/ })).toHaveCount(1);
  await expect(ticks.filter({ hasText: /^1\.1\.0$/ })).toHaveCount(1);
  const maintenance = trends.getByRole("img", {
    name: /^Maintenance completion per month over the last 12 months\. .+: \d+% of \d+ tasks? completed, \d+% on time/,
  });
  await expect(maintenance).toBeVisible();
  await maintenance.scrollIntoViewIfNeeded();
  await expect(maintenance.locator(".recharts-cartesian-grid")).toBeVisible();

  expect(await accessibilityProblems(page, "section[aria-labelledby=trends-title]")).toEqual([]);

  // The exact numbers, one keyboard press away.
  const numbers = page.getByTestId("readiness-trend");
  await numbers.getByText("Show the numbers").press("Enter");
  const table = numbers.getByRole("table", { name: "Readiness of each release" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText(`${service}1.0.0production`);
  await expect(table.getByRole("row").nth(1)).toContainText("0%");
  await expect(table.getByRole("link", { name: "1.1.0" })).toBeVisible();

  // A point of the line opens its deployment. Forced: the hovered point's larger active dot
  // lies over it, and the chart, not the dot, handles the click.
  const newest = readiness.locator(".recharts-line-dot").last();
  await newest.hover();
  await expect(readiness.getByText(`${service} / production 1.1.0`)).toBeVisible();
  await newest.click({ force: true });
  await expect(page.getByRole("heading", { name: `${service} 1.1.0`, level: 1 })).toBeVisible();

  // A filter that matches nothing says what to do instead of drawing an empty chart.
  await page.goto(`/?service=nothing-${unique()}`);
  await expect(
    page.getByRole("region", { name: "Trends" }).getByRole("heading", { name: "No release matches these filters" }),
  ).toBeVisible();
  await expect(page.getByText("Clear a filter to see readiness over time.")).toBeVisible();
});

test("the printable record shows every item's state, N/A reasons and the sign-off, prints without the app around it, and saves as PDF", async ({
  page,
  browser,
  login,
}) => {
  test.slow();
  const title = `Record checklist ${unique()}`;
  const markdown = `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n- [ ] Secrets rotated\n  - [ ] Database password\n  - [ ] API keys\n\n## HIGH\n- [ ] Alerts configured\n\n## Post-deployment verification\n- [ ] Smoke test passed\n`;
  await login({ role: "ADMIN" });
  await importMarkdownByPaste(page, markdown, title);
  const templateUrl = page.url();

  // An engineer owns the deployment, does the work and asks for review.
  const engineerContext = await browser.newContext();
  const engineer = await engineerContext.newPage();
  const engineerCredential = credentialFor("ENGINEER");
  await signIn(engineer, engineerCredential.email, engineerCredential.password);
  await expect(engineer.getByTestId("current-user")).toBeVisible();
  await engineer.goto(templateUrl);
  const service = `record-${unique()}`;
  const deploymentPath = await createDeploymentFromTemplatePage(engineer, { service, version: "2.4.0" });
  for (const text of ["Backups verified", "Database password"]) {
    await engineer.getByRole("checkbox", { name: `Done: ${text}` }).click();
    await expect(itemRow(engineer, text)).toHaveAttribute("data-status", "DONE");
  }
  const reason = "No API keys: the service authenticates with mTLS only.";
  const apiKeys = itemRow(engineer, "API keys");
  await apiKeys.getByRole("button", { name: "Not applicable: API keys", exact: true }).click();
  await apiKeys.getByRole("textbox", { name: "Why does “API keys” not apply?" }).fill(reason);
  await apiKeys.getByRole("button", { name: "Mark not applicable" }).click();
  await expect(apiKeys).toHaveAttribute("data-status", "NOT_APPLICABLE");
  const evidence = `https://backups.example.com/restore-drills/${service}?run=42`;
  const backups = itemRow(engineer, "Backups verified");
  await backups.getByRole("button", { name: "Details: Backups verified" }).click();
  await backups.getByLabel("Note").fill("Restored last night's snapshot into staging.");
  await backups.getByLabel("Evidence links (one per line, http or https)").fill(evidence);
  await backups.getByRole("button", { name: "Save details" }).click();
  await expect(backups).toContainText("1 evidence link");
  await expect(backups).toContainText("Demo Engineer,");
  await engineer.getByRole("button", { name: "Submit for review" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
  await engineerContext.close();

  // The admin, not the owner, approves; then opens the record from the checklist.
  await page.goto(deploymentPath);
  const review = page.getByRole("region", { name: /In review/ });
  await review.getByLabel("Review comment").fill("Restore drill evidence checked");
  await review.getByLabel("Next review").fill(nextReviewDay.iso);
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();
  await page.getByRole("link", { name: "Printable record" }).click();
  await expect(page).toHaveURL(new RegExp(`${deploymentPath}/record$`));
  await expect(page.getByRole("heading", { name: `${service} 2.4.0`, level: 1 })).toBeVisible();

  const facts = page.getByTestId("record-facts");
  await expect(facts).toContainText(`Template${title} v1`);
  await expect(facts).toContainText("StatusSigned off");
  await expect(facts).toContainText("OwnerDemo Engineer");
  await expect(facts).toContainText("VerdictGo with risks");
  await expect(facts).toContainText(/Printed.+ UTC by Demo Admin/);

  const row = (text: string) => page.locator("tr[data-record-item]", { has: page.getByText(text, { exact: true }) });
  await expect(row("Backups verified")).toHaveAttribute("data-status", "DONE");
  await expect(row("Backups verified")).toContainText("Done");
  await expect(row("Backups verified")).toContainText("Demo Engineer");
  await expect(row("Backups verified")).toContainText("Note: Restored last night's snapshot into staging.");
  await expect(row("Backups verified").getByRole("link", { name: evidence })).toHaveAttribute("href", evidence);
  await expect(row("Secrets rotated")).toContainText("2 of 2 settled");
  await expect(row("API keys")).toContainText("N/A");
  await expect(row("API keys")).toContainText(`N/A reason: ${reason}`);
  await expect(row("Alerts configured")).toContainText("Open");
  await expect(row("Smoke test passed")).toContainText("Open");

  const signOff = page.getByRole("region", { name: "Sign-off" });
  await expect(signOff.getByTestId("record-approvals")).toHaveText("1 of 1 required approval valid.");
  const decision = signOff.getByTestId("record-decision");
  await expect(decision).toContainText("Approved by Demo Admin");
  await expect(decision).toContainText("Restore drill evidence checked");
  await expect(decision).toContainText(`Next review${nextReviewDay.shown}`);
  await expect(decision).toContainText(
    /Digest \(sha256, pre-deployment items\)[0-9a-f]{64}Matches the item states in this record\./,
  );
  await expect(decision.getByTestId("record-decision-validity")).toHaveText("Valid");

  expect(await accessibilityProblems(page, "main")).toEqual([]);

  // On paper: no navigation and no buttons, the record itself stays.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print / save as PDF" })).toBeHidden();
  await expect(page.getByRole("heading", { name: `${service} 2.4.0`, level: 1 })).toBeVisible();
  await expect(signOff).toBeVisible();

  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
});
