import { expect, test } from "./fixtures";
import { unique } from "./helpers";

// The seeded "Production Security Checklist" has a "Weekly" maintenance section of 3 tasks.
// The schedule is scoped to a fresh service, so reruns on one server never collide.
const WEEKLY_OPTION = "Production Security Checklist v1 · Weekly (Weekly, 3 tasks)";
const service = `billing-${unique()}`;
const scope = `${service}/production`;

test.describe.serial("maintenance board", () => {
  test("an engineer creates a weekly schedule and completes a task with a note and evidence", async ({
    page,
    login,
  }) => {
    await login({ role: "ENGINEER" });
    await page.goto("/maintenance");
    await expect(page.getByRole("heading", { name: "Maintenance", level: 1 })).toBeVisible();

    await test.step("create the schedule for one service", async () => {
      await page.getByLabel("Maintenance section").selectOption({ label: WEEKLY_OPTION });
      await page.getByLabel("One service and environment").check();
      await page.getByLabel("Service", { exact: true }).fill(service);
      await page.getByLabel("Environment", { exact: true }).fill("production");
      await page.getByRole("button", { name: "Create schedule" }).click();
      await expect(page.getByText(`Created the weekly schedule “Weekly” for ${scope}`)).toBeVisible();
    });

    const list = page.getByRole("region", { name: new RegExp(`^Weekly · ${scope} · Week \\d+ of \\d{4}$`) });
    await test.step("this week's list shows three open tasks", async () => {
      await expect(list).toBeVisible();
      await expect(list.getByTestId("list-progress")).toHaveText("0/3 done");
      await expect(list.locator("li[data-task-row]")).toHaveCount(3);
      await expect(page.getByRole("table", { name: /Maintenance schedules/ })).toContainText(scope);
    });

    await test.step("a second schedule for the same section and scope is refused", async () => {
      await page.getByLabel("Maintenance section").selectOption({ label: WEEKLY_OPTION });
      await page.getByLabel("One service and environment").check();
      await page.getByLabel("Service", { exact: true }).fill(service);
      await page.getByLabel("Environment", { exact: true }).fill("production");
      await page.getByRole("button", { name: "Create schedule" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: `This section already has a schedule for “${scope}”` }),
      ).toBeVisible();
    });

    await test.step("an evidence link must be http(s)", async () => {
      await list.getByRole("button", { name: "Complete “Review error logs”" }).click();
      await list.getByLabel("Evidence link (http or https)").fill("ftp://logs.example.com");
      await list.getByRole("button", { name: "Mark complete" }).click();
      await expect(list.getByText("The evidence link must be an http(s) URL.")).toBeVisible();
    });

    await test.step("complete a task with a note and an evidence link", async () => {
      await list.getByLabel("Note", { exact: true }).fill("No new errors since the last release");
      await list.getByLabel("Evidence link (http or https)").fill("https://logs.example.com/saved/weekly");
      await list.getByRole("button", { name: "Mark complete" }).click();
      await expect(page.getByText("Completed “Review error logs”")).toBeVisible();
      await expect(list.getByTestId("list-progress")).toHaveText("1/3 done");
      const row = list.locator("li[data-task-row]", { hasText: "Review error logs" });
      await expect(row).toContainText("Completed by Demo Engineer");
      await expect(row).toContainText("Note: No new errors since the last release");
      await expect(row.getByRole("link", { name: "https://logs.example.com/saved/weekly" })).toBeVisible();
      await expect(row.getByRole("button", { name: /^Complete/ })).toHaveCount(0);
    });
  });

  test("a viewer sees the lists and reminders but no action controls", async ({ page, login }) => {
    await login({ role: "VIEWER" });
    await page.goto("/maintenance");
    const list = page.getByRole("region", { name: new RegExp(`^Weekly · ${scope} · `) });
    await expect(list.getByTestId("list-progress")).toHaveText("1/3 done");
    await expect(page.getByRole("heading", { name: "Review reminders" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Create a schedule" })).toHaveCount(0);
  });
});
