import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { REFERENCE_TEMPLATE } from "./helpers";

/** The app's own not-found page: its heading and the links back. */
async function expectNotFound(page: Page) {
  const notFound = page.getByTestId("not-found");
  await expect(notFound.getByRole("heading", { name: "This page does not exist", level: 1 })).toBeVisible();
  const waysBack = notFound.getByRole("navigation", { name: "Ways back" });
  for (const name of ["Overview", "Deployments", "Templates"])
    await expect(waysBack.getByRole("link", { name })).toBeVisible();
  return waysBack;
}

test.describe("unknown addresses and ids", () => {
  // The browser logs the 404 of the document itself.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test("an unknown deployment shows the not-found page inside the app, and its link leads back", async ({
    page,
    login,
  }) => {
    await login({ role: "VIEWER" });
    // No loading skeleton on this segment: streaming would start before the page knows, and
    // the unknown id would answer 200.
    expect((await page.goto("/deployments/no-such-deployment"))?.status()).toBe(404);
    const waysBack = await expectNotFound(page);
    await expect(page.getByTestId("current-user")).toBeVisible();
    await waysBack.getByRole("link", { name: "Deployments" }).click();
    await expect(page).toHaveURL(/\/deployments$/);
    await expect(page.getByRole("heading", { name: "Deployments", level: 1 })).toBeVisible();
  });

  test("an unknown template and an id that cannot be one show it too", async ({ page, login }) => {
    await login({ role: "VIEWER" });
    expect((await page.goto("/templates/no-such-template"))?.status()).toBe(404);
    await expectNotFound(page);
    expect((await page.goto(`/deployments/${"x".repeat(200)}/record`))?.status()).toBe(404);
    const waysBack = await expectNotFound(page);
    await waysBack.getByRole("link", { name: "Templates" }).click();
    await expect(page).toHaveURL(/\/templates$/);
  });

  test("an address no page serves shows it with a way back to the overview", async ({ page, login }) => {
    await login({ role: "VIEWER" });
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    const waysBack = await expectNotFound(page);
    await waysBack.getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Readiness overview", level: 1 })).toBeVisible();
  });
});

test.describe("downloads", () => {
  test("the template and CSV exports are never stored in a cache and name their file", async ({ page, login }) => {
    await login({ role: "VIEWER" });
    await page.goto("/templates");
    await page.getByRole("link", { name: REFERENCE_TEMPLATE, exact: true }).first().click();
    await expect(page).toHaveURL(/\/templates\/[^/]+$/);
    const templateId = new URL(page.url()).pathname.split("/")[2]!;

    const markdown = await page.request.get(`/templates/${templateId}/export`);
    expect(markdown.status()).toBe(200);
    expect(markdown.headers()["cache-control"]).toBe("no-store");
    expect(markdown.headers()["content-disposition"]).toMatch(/^attachment; filename="[a-z0-9-]+-v\d+\.md"$/);

    const csv = await page.request.get("/deployments/export.csv?scope=all");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["cache-control"]).toBe("no-store");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="preflight-deployments-[\d-]+\.csv"$/);
  });
});
