// axe on every main page, as the role that sees the most: no serious or critical WCAG 2.1
// A/AA violation. Each page gets the data that makes its real content appear (a checklist
// with mixed states, a maintenance list, an active procedure run, an import preview).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createDeploymentFromTemplatePage, fillNewDeploymentForm, itemRow, unique } from "./helpers";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const TEMPLATE = "Production Security Checklist";
const WEEKLY_OPTION = "Production Security Checklist v1 · Weekly (Weekly, 3 tasks)";
const PROCEDURE_OPTION = "Security Incident Response (7 steps) · Production Security Checklist v1";

/** Runs axe on the page as it is now; fails (softly, so every page reports) with a readable list. */
async function expectAccessible(page: Page, what: string) {
  // Measure settled colours: a toast fading in is half-transparent and would read as low contrast.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== "running" || animation.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  const report = blocking
    .map((violation) => {
      const targets = violation.nodes.map(
        (node) =>
          `    - ${node.target.join(" ")}${node.failureSummary ? `\n      ${node.failureSummary.replaceAll("\n", "\n      ")}` : ""}`,
      );
      return `  ${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${targets.join("\n")}`;
    })
    .join("\n\n");
  expect
    .soft(
      blocking.map((violation) => violation.id),
      `serious or critical axe violations on ${what}:\n${report}`,
    )
    .toEqual([]);
}

async function openReferenceTemplate(page: Page) {
  await page.goto("/templates");
  await page.getByRole("link", { name: TEMPLATE, exact: true }).first().click();
  await expect(page.getByRole("heading", { name: TEMPLATE, level: 1 })).toBeVisible();
}

/** A deployment of the reference template with one item done and one not applicable. */
async function checklistWithMixedStates(page: Page): Promise<string> {
  await openReferenceTemplate(page);
  const path = await createDeploymentFromTemplatePage(page, { service: `a11y-${unique()}`, environment: "staging" });
  const done = itemRow(page, "Set DEBUG=false");
  await done.getByRole("checkbox", { name: /^Done: / }).click();
  await expect(done).toContainText("Demo Admin,");

  const notApplicable = "Enable rate limiting at reverse proxy level";
  const row = itemRow(page, notApplicable);
  await row.getByRole("button", { name: `Not applicable: ${notApplicable}`, exact: true }).click();
  await row
    .getByRole("textbox", { name: `Why does “${notApplicable}” not apply?` })
    .fill("The API gateway limits requests.");
  await row.getByRole("button", { name: "Mark not applicable" }).click();
  await expect(row).toHaveAttribute("data-status", "NOT_APPLICABLE");
  return path;
}

test("sign-in page, signed out", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page, "the sign-in page");
});

test("overview and deployments list with data", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/deployments/new");
  await fillNewDeploymentForm(page, { service: `a11y-list-${unique()}`, environment: "production", version: "2.0.0" });
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page).toHaveURL(/\/deployments\/(?!new)[^/?]+$/);

  await page.goto("/");
  await expect(page.getByTestId("deployment-row").first()).toBeVisible();
  await expectAccessible(page, "the overview");

  await page.goto("/deployments");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "the deployments list");

  await page.goto("/deployments/new");
  await expect(page.getByRole("button", { name: "Create deployment" })).toBeVisible();
  await expectAccessible(page, "the new deployment form");
});

test("a checklist, in light and dark mode", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  const path = await checklistWithMixedStates(page);
  await expectAccessible(page, "a checklist (light)");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "a checklist (dark)");
});

test("templates list, a template and the import preview", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/templates");
  await expect(page.getByRole("link", { name: TEMPLATE, exact: true }).first()).toBeVisible();
  await expectAccessible(page, "the templates list");

  await openReferenceTemplate(page);
  await expectAccessible(page, "a template");

  await page.goto("/templates/import");
  await expect(page.getByLabel("Paste Markdown")).toBeVisible();
  await expectAccessible(page, "the import page");

  const title = `A11y import ${unique()}`;
  await page
    .getByLabel("Paste Markdown")
    .fill(
      `# ${title}\n\n## Critical\n\n- [ ] Secrets rotated\n  - [ ] Database password\n\n## Weekly\n\n- [ ] Review logs\n`,
    );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
  await expectAccessible(page, "the import preview");
});

test("maintenance board with a list", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/maintenance");
  await page.getByLabel("Maintenance section").selectOption({ label: WEEKLY_OPTION });
  await page.getByLabel("One service and environment").check();
  await page.getByLabel("Service", { exact: true }).fill(`a11y-${unique()}`);
  await page.getByLabel("Environment", { exact: true }).fill("production");
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText(/^Created the weekly schedule/)).toBeVisible();
  await expectAccessible(page, "the maintenance board");

  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Maintenance", level: 1 })).toBeVisible();
  await expectAccessible(page, "the maintenance board (dark)");
});

test("a procedure run", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/procedures");
  await expectAccessible(page, "the procedures page");

  const title = `A11y drill ${unique()}`;
  await page.getByLabel("Procedure").selectOption({ label: PROCEDURE_OPTION });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Severity").selectOption("SEV3");
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Mark step 1 done" }).click();
  await expect(page.locator('li[data-step-row="1"]')).toContainText("Done by");
  await expectAccessible(page, "a procedure run");

  // Finished, so the banner of active runs does not follow every later test around.
  for (const n of [2, 3, 4, 5, 6, 7]) {
    await page.getByRole("button", { name: `Mark step ${n} done` }).click();
    await expect(page.locator(`li[data-step-row="${n}"]`)).toContainText("Done by");
  }
  await page.getByRole("button", { name: "Finish run" }).click();
  await expect(page.getByRole("button", { name: "Finish run" })).toHaveCount(0);
  await expectAccessible(page, "a finished procedure run");
});

test("admin", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page, "the admin page");
  await page.goto("/admin/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
  await expectAccessible(page, "the background jobs page");
});
