import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { withE2EDatabase } from "./database";
import { e2eState, expect, signIn, test } from "./fixtures";
import { unique } from "./helpers";

/** An account of the test's own: failed attempts slow an account down (M3), and the demo
 * accounts must stay quick to sign in to for the other specs. */
async function createAccount(): Promise<{ email: string; password: string }> {
  const email = `${unique()}@preflight.test`.toLowerCase();
  const password = `pw-${randomBytes(9).toString("hex")}`;
  const passwordHash = await hashPassword(password);
  await withE2EDatabase((db) =>
    db.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, 'Sprayed Engineer', 'ENGINEER', $3, now())`,
      [`e2e${randomBytes(8).toString("hex")}`, email, passwordHash],
    ),
  );
  return { email, password };
}

/** What a guesser leaves after `failures` wrong passwords, the last just now (half a minute
 * of guessing the browser need not sit through): the account's next attempt waits 30 s. */
async function guessedAt(email: string, failures: number) {
  const nowUtc = new Date().toISOString().slice(0, 23).replace("T", " ");
  await withE2EDatabase((db) =>
    db.query(`UPDATE "RateLimitCounter" SET "windowStart" = $2::timestamp(3), "count" = $3 WHERE "key" = $1`, [
      `sign-in:streak:account:${email}`,
      nowUtc,
      failures,
    ]),
  );
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test.describe("signing in", () => {
  // A page a role may not open answers 403 (the browser logs the status).
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("sends a visitor without a session to the sign-in page", async ({ page }) => {
    await page.goto("/templates");
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in to Preflight" })).toBeVisible();
  });

  test("serves its icon to anyone, also at /favicon.ico where browsers look for documents without one", async ({
    request,
  }) => {
    // Chromium asks for /favicon.ico when it shows a non-HTML response (an exported file, JSON).
    for (const path of ["/favicon.ico", "/icon.svg"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"], path).toMatch(/^image\//);
    }
  });

  test("tells search engines to stay out, and serves its web app manifest to anyone", async ({ page, request }) => {
    const robots = await request.get("/robots.txt", { maxRedirects: 0 });
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);

    // The sign-in page is what a signed-out visitor sees: it links the manifest.
    await page.goto("/sign-in");
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/manifest.webmanifest");
    const manifest = await request.get(href!, { maxRedirects: 0 });
    expect(manifest.status()).toBe(200);
    expect(manifest.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const body = await manifest.json();
    expect(body).toMatchObject({ name: "Preflight", start_url: "/", display: "standalone" });
    for (const icon of body.icons as { src: string; type: string }[]) {
      const response = await request.get(icon.src, { maxRedirects: 0 });
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()["content-type"], icon.src).toBe(icon.type);
    }
  });

  test("the printed admin credentials sign in, and the data survived a restart", async ({ page, login }) => {
    expect(e2eState().credentialsPrintedOnRestart, "credentials are printed only on first start").toBe(0);
    await login({ role: "ADMIN" });
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("current-user")).toContainText("Admin");
    await expect(page.getByRole("heading", { name: "Readiness overview" })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
    await expect(page).toHaveURL(/\/templates$/);
    await expect(page.getByRole("link", { name: "Production Security Checklist", exact: true })).toBeVisible();

    await page.getByRole("link", { name: "Admin" }).click();
    for (const role of ["admin", "manager", "reviewer", "engineer", "viewer"]) {
      await expect(page.getByRole("cell", { name: `${role}@preflight.local`, exact: true })).toBeVisible();
    }
  });

  test("every demo role signs in and sees its role; only the admin sees Admin", async ({ page, login }) => {
    for (const role of ["MANAGER", "REVIEWER", "ENGINEER", "VIEWER"] as const) {
      await login({ role });
      await expect(page.getByTestId("current-user")).toContainText(role.charAt(0) + role.slice(1).toLowerCase());
      await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
      await page.goto("/admin");
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
    }
  });

  test.describe("with a wrong password", () => {
    // One pattern: Playwright reads a two-element array here as [value, options].
    test.use({ allowedConsoleErrors: [/status of (401|429)/] });

    test("shows one generic message and stays signed out", async ({ page }) => {
      const account = await createAccount();
      await signIn(page, account.email, `${account.password}-wrong`);
      await expect(page.getByRole("status")).toHaveText("Email or password is incorrect.");
      await signIn(page, "nobody@preflight.local", "whatever-it-is");
      await expect(page.getByRole("status")).toHaveText("Email or password is incorrect.");
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in$/);
    });

    test("M3: failures from elsewhere make a new browser wait, and say how long; the browser that signed in before gets straight in", async ({
      page,
      browser,
    }) => {
      const account = await createAccount();
      // The owner's browser signs in once: it now holds the device cookie.
      await signIn(page, account.email, account.password);
      await expect(page.getByTestId("current-user")).toBeVisible();
      await signOut(page);

      // A stranger's browser guesses wrong, then a guesser keeps at it.
      const stranger = await (await browser.newContext()).newPage();
      await signIn(stranger, account.email, "a wrong guess");
      await expect(stranger.getByRole("status")).toHaveText("Email or password is incorrect.");
      await guessedAt(account.email, 6);
      // Even the right password waits, and is not checked until then.
      await signIn(stranger, account.email, account.password);
      await expect(stranger.getByRole("status")).toHaveText(
        /^Too many failed attempts for this account; try again in (2[5-9]|30) s\.$/,
      );
      await stranger.goto("/");
      await expect(stranger).toHaveURL(/\/sign-in$/);

      // The owner's browser is not held back by it.
      await signIn(page, account.email, account.password);
      await expect(page.getByTestId("current-user")).toBeVisible();
      await stranger.context().close();
    });
  });

  test("names an invalid email before sending anything", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });
});
