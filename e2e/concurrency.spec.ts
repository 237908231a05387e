import type { Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { createDeploymentFromTemplatePage, itemRow, unique } from "./helpers";

const CONFLICT = "Someone else changed this item since you loaded it; showing their version.";

/** Console errors of a page the fixtures do not watch (a second browser context). */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("a stale write is refused", () => {
  test("a reviewer acting on a stale item sees the engineer's change instead of overwriting it", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const engineerContext = await browser.newContext();
    const reviewerContext = await browser.newContext();
    try {
      const a = await engineerContext.newPage();
      const b = await reviewerContext.newPage();
      const errorsA = collectConsoleErrors(a);
      const errorsB = collectConsoleErrors(b);
      const engineer = credentialFor("ENGINEER");
      const reviewer = credentialFor("REVIEWER");

      // A: the engineer creates a deployment on the seeded template.
      await signIn(a, engineer.email, engineer.password);
      await expect(a.getByTestId("current-user")).toContainText("Engineer");
      await a.goto("/templates");
      await a.getByRole("link", { name: "Production Security Checklist", exact: true }).first().click();
      await expect(a.getByRole("heading", { name: "Production Security Checklist", level: 1 })).toBeVisible();
      const service = `ledger-${unique()}`;
      const deploymentPath = await createDeploymentFromTemplatePage(a, { service, version: "7.0.0" });

      // B: the reviewer opens the same checklist before the engineer changes anything.
      await signIn(b, reviewer.email, reviewer.password);
      await expect(b.getByTestId("current-user")).toContainText("Reviewer");
      await b.goto(deploymentPath);
      await expect(b.getByRole("heading", { name: `${service} 7.0.0`, level: 1 })).toBeVisible();

      const item = "Set DEBUG=false";
      const rowA = itemRow(a, item);
      const rowB = itemRow(b, item);
      await expect(rowA).toHaveAttribute("data-status", "OPEN");
      await expect(rowB).toHaveAttribute("data-status", "OPEN");

      // A ticks the item; the server confirms it (the row names who changed it).
      await a.getByRole("checkbox", { name: `Done: ${item}`, exact: true }).click();
      await expect(rowA).toHaveAttribute("data-status", "DONE");
      await expect(rowA).toContainText("Demo Engineer,");

      // B still shows the item open (no refetch yet) and marks it not applicable.
      await expect(rowB).toHaveAttribute("data-status", "OPEN");
      await rowB.getByRole("button", { name: `Not applicable: ${item}`, exact: true }).click();
      await rowB.getByRole("textbox", { name: `Why does “${item}” not apply?` }).fill("Debug is configured elsewhere.");
      await rowB.getByRole("button", { name: "Mark not applicable" }).click();

      await expect(b.getByText(CONFLICT)).toBeVisible();
      await expect(rowB).toHaveAttribute("data-status", "DONE");
      await expect(rowB).toContainText("Demo Engineer,");
      await expect(rowB).not.toContainText("N/A:");
      await expect(b.getByRole("checkbox", { name: `Done: ${item}`, exact: true })).toBeChecked();

      // The refused write changed nothing on the server.
      await a.reload();
      await expect(rowA).toHaveAttribute("data-status", "DONE");
      await expect(rowA).toContainText("Demo Engineer,");
      await expect(rowA).not.toContainText("N/A:");
      await b.reload();
      await expect(rowB).toHaveAttribute("data-status", "DONE");
      await expect(rowB).not.toContainText("N/A:");

      expect(errorsA, "console errors of the engineer's page").toEqual([]);
      expect(errorsB, "console errors of the reviewer's page").toEqual([]);
    } finally {
      await engineerContext.close();
      await reviewerContext.close();
    }
  });
});
