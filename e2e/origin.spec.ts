// I4 and I7 (#18): Preflight's own origin comes from what its server received, never from a
// client's X-Forwarded-Host. The e2e server runs in local mode (no APP_URL), so the origin is
// the Host the browser used: here 127.0.0.1 instead of the suite's usual localhost.
import { credentialFor, expect, signIn, test } from "./fixtures";
import { fillNewDeploymentForm, unique } from "./helpers";
import { E2E_PORT } from "./server";

const otherHost = `http://127.0.0.1:${E2E_PORT}`;

test.use({ baseURL: otherHost });

test("I7: signing out on another host of the same server ends on that host's sign-in page", async ({ page }) => {
  const { email, password } = credentialFor("VIEWER");
  await signIn(page, email, password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(otherHost);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Preflight" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(otherHost);
});

test("I7: CSV links use the host the export was asked on", async ({ page }) => {
  const { email, password } = credentialFor("ENGINEER");
  await signIn(page, email, password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  const service = `origin-${unique()}`;
  await page.goto("/deployments/new");
  await fillNewDeploymentForm(page, { service });
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByText(`Created ${service} 1.0.0`)).toBeVisible();
  await expect(page).toHaveURL(/\/deployments\/(?!new)[^/?]+$/);
  const id = new URL(page.url()).pathname.split("/").pop();

  const response = await page.request.get("/deployments/export.csv");
  expect(response.status()).toBe(200);
  const csv = await response.text();
  expect(csv).toContain(`${otherHost}/deployments/${id}`);
  expect(csv).not.toContain("http://localhost:");
});

test("I4: an Origin of another site is refused even with a matching X-Forwarded-Host", async ({ page }) => {
  const { email, password } = credentialFor("ENGINEER");
  await signIn(page, email, password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  const spoofed = { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" };

  const action = await page.request.post("/", {
    headers: { ...spoofed, "Next-Action": "0".repeat(40), "Content-Type": "text/plain" },
    data: "[]",
  });
  expect(action.status(), "server action").toBe(403);

  const api = await page.request.post("/api/v1/deployments", { headers: spoofed, data: {} });
  expect(api.status(), "API write with the session cookie").toBe(403);
});
