import { credentialFor, e2eState, expect, signIn, test } from "./fixtures";

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
    test.use({ allowedConsoleErrors: [/status of 401/] });

    test("shows one generic message and stays signed out", async ({ page }) => {
      const admin = credentialFor("ADMIN");
      await signIn(page, admin.email, `${admin.password}-wrong`);
      await expect(page.getByRole("status")).toHaveText("Email or password is incorrect.");
      await signIn(page, "nobody@preflight.local", "whatever-it-is");
      await expect(page.getByRole("status")).toHaveText("Email or password is incorrect.");
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in$/);
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
