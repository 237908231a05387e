// A manager's overview: filters live in the URL (a view can be shared) and export as CSV.
import { readFileSync } from "node:fs";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { fillNewDeploymentForm, REFERENCE_TEMPLATE, unique } from "./helpers";

test("a manager filters the overview, shares the URL and exports the filtered list as CSV", async ({
  page,
  browser,
  login,
}) => {
  await login({ role: "MANAGER" });
  const service = `overview-${unique()}`;
  await page.goto("/deployments/new");
  await fillNewDeploymentForm(page, {
    service,
    environment: "staging",
    version: "3.1.0",
    template: REFERENCE_TEMPLATE,
  });
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByText(`Created ${service} 3.1.0`)).toBeVisible();

  await page.goto("/");
  await page.getByRole("combobox", { name: "Service" }).selectOption(service);
  await page.getByRole("combobox", { name: "Sort by" }).selectOption("service");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`service=${service}`));
  await expect(page.getByTestId("deployment-row")).toHaveCount(1);
  await expect(page.getByTestId("deployment-row")).toContainText(`${service} 3.1.0`);

  // The URL alone reproduces the view for someone else.
  const shared = page.url();
  const other = await browser.newContext();
  const colleague = await other.newPage();
  const viewer = credentialFor("VIEWER");
  await signIn(colleague, viewer.email, viewer.password);
  await expect(colleague.getByTestId("current-user")).toBeVisible();
  await colleague.goto(shared);
  await expect(colleague.getByTestId("deployment-row")).toHaveCount(1);
  await expect(colleague.getByRole("combobox", { name: "Service" })).toHaveValue(service);
  await other.close();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  expect(csv).toHaveLength(2);
  expect(csv[0]).toMatch(/^Service,Environment,Version,Status,Verdict,Readiness %/);
  expect(csv[1]).toContain(`${service},staging,3.1.0,Draft,No-go,0,0,27`);
});

test("a missed target date is flagged, counted on its card and filtered by its link", async ({ page, login }) => {
  await login({ role: "MANAGER" });
  const service = `missed-${unique()}`;
  await page.goto("/deployments/new");
  await fillNewDeploymentForm(page, { service, template: REFERENCE_TEMPLATE });
  await page.getByLabel("Target date").fill("2026-01-15");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByText(`Created ${service} 1.0.0`)).toBeVisible();

  // Narrowed to this service, every card counts within it; the missed one finds this deployment.
  await page.goto(`/?service=${service}`);
  const row = page.getByTestId("deployment-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("missed-target")).toHaveText("Missed");
  const card = page.getByRole("link", { name: /Missed target date/ });
  await expect(card.getByTestId("count-missedTarget")).toHaveText("1");
  await expect(page.getByTestId("count-clearedToShip")).toHaveText("0");
  await expect(page.getByTestId("count-blocked")).toHaveText("1");

  await card.click();
  await expect(page).toHaveURL(new RegExp(`target=missed`));
  await expect(page).toHaveURL(new RegExp(`service=${service}`));
  await expect(page.locator("select[name=target]")).toHaveValue("missed");
  await expect(page.getByTestId("deployment-row")).toHaveCount(1);
  await expect(page.getByText("1 deployment", { exact: true })).toBeVisible();

  // The filter and the sort are in the form, too: Go deployments are not No-go ones.
  await page.locator("select[name=verdict]").selectOption("GO");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/verdict=GO/);
  await expect(page.getByText("No deployment matches these filters")).toBeVisible();
});
