// M1 (#18): a sign-in link whose callbackUrl normalises to another host ("//evil.example")
// must leave the browser on Preflight, whether the person signs in through the link or was
// signed in already (the sign-in page then redirects at once).
import { credentialFor, expect, signIn, test } from "./fixtures";
import { E2E_BASE_URL } from "./server";

const PAYLOADS = ["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/\\evil.example", "//evil.example"];
const appHost = new URL(E2E_BASE_URL).host;

const linkFor = (payload: string) => `/sign-in?callbackUrl=${encodeURIComponent(payload)}`;

test.describe("M1: sign-in redirects stay on the app", () => {
  for (const payload of PAYLOADS) {
    test(`signing in through a link to ${payload}`, async ({ page }) => {
      const { email, password } = credentialFor("VIEWER");
      await page.goto(linkFor(payload));
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("current-user")).toBeVisible();
      expect(new URL(page.url()).host).toBe(appHost);
    });

    test(`opening a link to ${payload} while signed in`, async ({ page }) => {
      const { email, password } = credentialFor("VIEWER");
      await signIn(page, email, password);
      await expect(page.getByTestId("current-user")).toBeVisible();
      const response = await page.goto(linkFor(payload));
      expect(response?.status()).toBe(200);
      await expect(page.getByTestId("current-user")).toBeVisible();
      expect(new URL(page.url()).host).toBe(appHost);
    });
  }
});
