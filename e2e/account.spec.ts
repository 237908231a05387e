import { expect, test } from "./fixtures";

test.describe("the account", () => {
  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context, login }) => {
    await login({ role: "VIEWER" });
    const cookies = await context.cookies();
    const sessionCookie = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(sessionCookie, `cookies: ${cookies.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(sessionCookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // Plain http in this suite, so not Secure; with an https APP_URL next-auth adds it.
    expect(sessionCookie!.secure).toBe(false);
    const csrfCookie = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(csrfCookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await expect(page.getByTestId("current-user")).toContainText("Viewer");
  });

  test("the password page checks the new password before anything is changed", async ({ page, login }) => {
    await login({ role: "REVIEWER" });
    await page.goto("/");
    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Change your password" })).toBeVisible();

    await page.getByLabel("Current password").fill("not the password at all");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("Confirm new password").fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("New password", { exact: true }).fill("a long new passphrase");
    await page.getByLabel("Confirm new password").fill("a long new passphrase!");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The new passwords do not match.")).toBeVisible();

    await page.getByLabel("Confirm new password").fill("a long new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    // The server's refusal shows once, at its field (not again in the form's alert).
    await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(
      "Your current password is not correct.",
    );
    await expect(page.getByText("Your current password is not correct.")).toHaveCount(1);
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    // Nothing changed: the session still works.
    await page.goto("/");
    await expect(page.getByTestId("current-user")).toContainText("Reviewer");
  });
});
