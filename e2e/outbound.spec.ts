// M2: a Preflight started without ALLOW_PRIVATE_OUTBOUND (the suite's shared server sets it for
// the specs that deliver to loopback) refuses a webhook to 127.0.0.1 in the admin's form.
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { E2E_DATA_DIR, parseCredentials, spawnPreflight, type RunningServer } from "./server";

const PORT = 3107;
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = path.join(path.dirname(E2E_DATA_DIR), "e2e-outbound");

let server: RunningServer | undefined;

test.afterAll(async () => {
  await server?.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
});

test("M2: a server without ALLOW_PRIVATE_OUTBOUND refuses a webhook to 127.0.0.1 at registration", async ({ page }) => {
  test.setTimeout(300_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, PORT: String(PORT), APP_ENV: "local", LOG_LEVEL: "info" };
  delete env.DATABASE_URL;
  delete env.ALLOW_PRIVATE_OUTBOUND;
  server = await spawnPreflight(env);
  const admin = parseCredentials(server.output()).find((c) => c.role === "ADMIN");
  expect(admin, "demo admin printed").toBeTruthy();

  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Email").fill(admin!.email);
  await page.getByLabel("Password").fill(admin!.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();

  await page.goto(`${BASE}/admin/webhooks`);
  await page.getByLabel("Payload URL").fill("http://127.0.0.1:5432/hooks");
  await page.getByRole("checkbox", { name: /Deployment signed off/ }).click();
  await page.getByRole("button", { name: "Register webhook" }).click();
  await expect(
    page.getByText(
      "refused: 127.0.0.1 is a loopback address; set ALLOW_PRIVATE_OUTBOUND=true for receivers on your own network.",
    ),
  ).toBeVisible();
  await expect(page.getByLabel("Payload URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { name: "Webhook registered" })).toHaveCount(0);
  await expect(page.getByTestId("webhook-row")).toHaveCount(0);
});
