// Shared fixtures: `login({ role })` signs in with the credentials the server printed, and
// any console error in the page fails the test unless the test expects it.
import { readFileSync } from "node:fs";
import { expect, test as base, type Page } from "@playwright/test";
import type { E2EState } from "./global-setup";
import { E2E_STATE_FILE, type Credential } from "./server";

type Role = "ADMIN" | "MANAGER" | "REVIEWER" | "ENGINEER" | "VIEWER";

export function e2eState(): E2EState {
  return JSON.parse(readFileSync(E2E_STATE_FILE, "utf8")) as E2EState;
}

export function credentialFor(role: Role): Credential {
  const credential = e2eState().credentials.find((c) => c.role === role);
  if (!credential) throw new Error(`No demo credential for ${role}`);
  return credential;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

type Fixtures = {
  /** Console errors matching one of these are expected by the test (e.g. a refused sign-in's 401). */
  allowedConsoleErrors: RegExp[];
  failOnConsoleError: void;
  login: (options: { role: Role }) => Promise<Credential>;
};

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  failOnConsoleError: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !allowedConsoleErrors.some((allowed) => allowed.test(message.text())))
          errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use();
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  login: async ({ page }, use) => {
    await use(async ({ role }) => {
      const credential = credentialFor(role);
      await signIn(page, credential.email, credential.password);
      await expect(page.getByTestId("current-user")).toBeVisible();
      return credential;
    });
  },
});

export { expect };
