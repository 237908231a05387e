// Sessions that end (#18): signing out ends a copy of the session cookie too (L1), and an
// admin's password reset revokes the API tokens that speak for the user, saying so (L2).
import { request as httpRequest, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { unique } from "./helpers";
import { E2E_BASE_URL } from "./server";

/** Requests from somewhere else (another machine, a script) that sends `cookie` as it is. */
async function withCookie(cookie: string): Promise<APIRequestContext> {
  return httpRequest.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Cookie: cookie } });
}

test("L1: a session cookie copied before sign-out is refused after it, by the API and by pages", async ({
  page,
  context,
  login,
}) => {
  await login({ role: "ENGINEER" });
  const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "the session cookie").toBeDefined();
  const cookie = `${session!.name}=${session!.value}`;

  const before = await withCookie(cookie);
  expect((await before.get("/api/v1/deployments")).status()).toBe(200);
  const pageBefore = await before.get("/deployments");
  expect(new URL(pageBefore.url()).pathname).toBe("/deployments");
  await before.dispose();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A fresh context each time: none keeps a cookie a previous answer set.
  const api = await withCookie(cookie);
  const refused = await api.get("/api/v1/deployments");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: expect.stringContaining("Sign in") });
  await api.dispose();

  const pages = await withCookie(cookie);
  const redirected = await pages.get("/deployments");
  expect(new URL(redirected.url()).pathname).toBe("/sign-in");
  await pages.dispose();

  const described = await withCookie(cookie);
  expect(await (await described.get("/api/auth/session")).json()).toEqual({});
  await described.dispose();
});

test("L2: an admin's password reset revokes the user's API tokens and says so", async ({ page, login }) => {
  await login({ role: "ADMIN" });
  await page.goto("/admin");
  const name = "Tess Token";
  const email = `e2e-tokens-${unique()}@example.test`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("ENGINEER");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  const tokenName = `pipeline ${unique()}`;
  await page.getByLabel("Name", { exact: true }).fill(tokenName);
  await page.getByLabel("For user").selectOption({ label: `${name} — ${email} (Engineer)` });
  await page.getByRole("checkbox", { name: /^READ/ }).click();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(`Created the token “${tokenName}”.`)).toBeVisible();
  const secret = await page.getByLabel("API token").inputValue();

  const pipeline = await httpRequest.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
  });
  try {
    expect((await pipeline.get("/api/v1/deployments")).status()).toBe(200);

    await page.goto("/admin");
    await page.getByRole("button", { name: `Reset the password of ${email}` }).click();
    await expect(
      page.getByText(`Reset the password of ${email}; their sessions have ended and their API tokens are revoked.`),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: `New password for ${email}` })).toBeVisible();

    const refused = await pipeline.get("/api/v1/deployments");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining("revoked") });
  } finally {
    await pipeline.dispose();
  }

  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("row", { name: new RegExp(tokenName) })).toContainText("Revoked");
});
