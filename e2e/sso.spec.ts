// Single sign-on against a real OpenID Connect provider (e2e/oidc-provider.ts, started by
// the global setup on loopback): its development login and consent pages, then back to
// Preflight through next-auth's callback.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { unique } from "./helpers";
import { SSO_LOGIN_WITHOUT_EMAIL, ssoAccount } from "./oidc-provider";

const SSO_BUTTON = "Continue with Test SSO";
const REFUSED = "Sign-in did not succeed. Try again, or ask an admin whether your account is active.";

/** From Preflight's sign-in page through the provider's login (and, first time, consent) pages. */
async function signInThroughProvider(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await expect(page.getByRole("heading", { name: "Sign-in" })).toBeVisible();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Each sign-in in a browser of its own: no provider or Preflight session carried over.
 * Console errors there fail the test too, as on the fixture's page. */
async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  const close = async () => {
    await context.close();
    expect(errors, "errors in the browser console").toEqual([]);
  };
  return { page, close };
}

test.describe("single sign-on", () => {
  test("the sign-in page offers SSO beside the password form, reachable by keyboard", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByLabel("Email")).toBeVisible();
    await page.getByLabel("Password").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeFocused();
    await expect(page.getByRole("status")).toHaveText("");
  });

  test("a new person signs in with the default role; the next sign-in is the same user; deactivation refuses SSO", async ({
    page,
    login,
    browser,
  }) => {
    const person = `sso-${unique()}`;
    const email = ssoAccount(person).email!;

    const first = await freshPage(browser);
    await signInThroughProvider(first.page, person);
    await expect(first.page).toHaveURL(/\/$/);
    await expect(first.page.getByTestId("current-user")).toContainText(`SSO ${person}`);
    await expect(first.page.getByTestId("current-user")).toContainText("Viewer");
    // No password of their own here, so nothing to change (a password user has the link: account.spec.ts).
    await expect(first.page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(first.page.getByRole("link", { name: "Change password" })).toHaveCount(0);
    await first.page.goto("/account/password");
    await expect(first.page.getByRole("heading", { name: "No password to change" })).toBeVisible();
    await first.close();

    await login({ role: "ADMIN" });
    await page.goto("/admin");
    await expect(page.getByRole("row", { name: email })).toHaveCount(1);
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("VIEWER");

    const second = await freshPage(browser);
    await signInThroughProvider(second.page, person);
    await expect(second.page.getByTestId("current-user")).toContainText("Viewer");
    await page.reload();
    await expect(page.getByRole("row", { name: email }), "the second sign-in reused the user").toHaveCount(1);

    await page.getByRole("button", { name: `Deactivate ${email}` }).click();
    await expect(page.getByText(`Deactivated ${email}; their sessions have ended.`)).toBeVisible();
    await second.page.goto("/templates");
    await expect(second.page, "the open SSO session ended").toHaveURL(/\/sign-in$/);
    await second.close();

    const third = await freshPage(browser);
    await signInThroughProvider(third.page, person);
    await expect(third.page).toHaveURL(/\/sign-in\?error=AccessDenied$/);
    await expect(third.page.getByRole("status")).toHaveText(REFUSED);
    await third.page.goto("/");
    await expect(third.page).toHaveURL(/\/sign-in$/);
    await third.close();
  });

  test("an account without an email at the provider is refused with the same sentence", async ({ page }) => {
    await signInThroughProvider(page, SSO_LOGIN_WITHOUT_EMAIL);
    await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied$/);
    await expect(page.getByRole("status")).toHaveText(REFUSED);
  });
});
