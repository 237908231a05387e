import { expect, signIn, test } from "./fixtures";
import { alertWith, unique } from "./helpers";

test.describe("user administration", () => {
  // A page a role may not open answers 403 (the browser logs the status).
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("a new user must choose a password; a role change and deactivation sign them out", async ({
    page,
    login,
    browser,
  }) => {
    await login({ role: "ADMIN" });
    await page.goto("/admin");
    const email = `e2e-${unique()}@example.test`;
    await page.getByLabel("Name", { exact: true }).fill("Erin Engineer");
    await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
    await page.getByLabel("Role", { exact: true }).selectOption("ENGINEER");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText(`Created ${email}.`)).toBeVisible();
    const oneTimePassword = await page.getByLabel("One-time password").inputValue();
    expect(oneTimePassword).toMatch(/^[\w-]{20}$/);
    await expect(page.getByRole("cell", { name: email, exact: true })).toBeVisible();

    // The user, in a browser of their own.
    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await signIn(userPage, email, oneTimePassword);
    await expect(userPage).toHaveURL(/\/account\/password$/);
    await expect(userPage.getByRole("heading", { name: "Choose your password" })).toBeVisible();
    await userPage.goto("/deployments");
    await expect(userPage).toHaveURL(/\/account\/password$/);

    const newPassword = `e2e ${unique()} passphrase`;
    await userPage.getByLabel("One-time password").fill(oneTimePassword);
    await userPage.getByLabel("New password", { exact: true }).fill(newPassword);
    await userPage.getByLabel("Confirm new password").fill(newPassword);
    await userPage.getByRole("button", { name: "Change password" }).click();
    await expect(userPage.getByRole("heading", { name: "Readiness overview" })).toBeVisible();
    await expect(userPage.getByTestId("current-user")).toContainText("Engineer");

    await userPage.getByRole("button", { name: "Sign out" }).click();
    await expect(userPage).toHaveURL(/\/sign-in$/);
    await signIn(userPage, email, newPassword);
    await expect(userPage).toHaveURL(/\/$/);
    await expect(userPage.getByRole("heading", { name: "Readiness overview" })).toBeVisible();

    await page.getByLabel(`Role of ${email}`).selectOption("VIEWER");
    await page.getByRole("button", { name: `Apply the new role of ${email}` }).click();
    await expect(page.getByText(`${email} is now Viewer; their sessions have ended.`)).toBeVisible();
    await userPage.goto("/deployments");
    await expect(userPage).toHaveURL(/\/sign-in$/);
    await signIn(userPage, email, newPassword);
    await expect(userPage.getByTestId("current-user")).toContainText("Viewer");

    await page.getByRole("button", { name: `Deactivate ${email}` }).click();
    await expect(page.getByText(`Deactivated ${email}; their sessions have ended.`)).toBeVisible();
    await expect(page.getByRole("row", { name: email })).toContainText("Deactivated");
    await userPage.goto("/templates");
    await expect(userPage).toHaveURL(/\/sign-in$/);
    await userContext.close();
  });

  test("a duplicate email is refused with a clear message, and the admin's own row cannot be demoted or deactivated", async ({
    page,
    login,
  }) => {
    const admin = await login({ role: "ADMIN" });
    await page.goto("/admin");
    await page.getByLabel("Name", { exact: true }).fill("Someone Else");
    await page.getByLabel("Email", { exact: true }).fill("Viewer@Preflight.local");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(alertWith(page, "A user with the email viewer@preflight.local already exists.")).toBeVisible();

    await expect(page.getByLabel(`Role of ${admin.email}`)).toHaveCount(0);
    await expect(page.getByRole("button", { name: `Deactivate ${admin.email}` })).toHaveCount(0);
    await expect(page.getByLabel(`Role of viewer@preflight.local`)).toBeVisible();
  });

  test("an admin resets a password: the new one-time password is shown once and the old password stops working", async ({
    page,
    login,
    browser,
  }) => {
    await login({ role: "ADMIN" });
    await page.goto("/admin");
    const email = `e2e-reset-${unique()}@example.test`;
    await page.getByLabel("Name", { exact: true }).fill("Riley Reset");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Create user" }).click();
    const first = await page.getByLabel("One-time password").inputValue();
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByLabel("One-time password")).toHaveCount(0);

    await page.getByRole("button", { name: `Reset the password of ${email}` }).click();
    await expect(page.getByRole("heading", { name: `New password for ${email}` })).toBeVisible();
    const second = await page.getByLabel("One-time password").inputValue();
    expect(second).not.toBe(first);

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await signIn(userPage, email, first);
    await expect(userPage.getByRole("status")).toHaveText("Email or password is incorrect.");
    // A failure makes the account's next attempt wait 1 s (M3); a person retyping takes longer.
    await userPage.waitForTimeout(1_100);
    await signIn(userPage, email, second);
    await expect(userPage).toHaveURL(/\/account\/password$/);
    await userContext.close();
  });

  test("every other role gets Not allowed on /admin", async ({ page, login }) => {
    for (const role of ["MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const) {
      await login({ role });
      const response = await page.goto("/admin");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Create user" })).toHaveCount(0);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
    }
  });
});
