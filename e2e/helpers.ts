// Small UI steps the checklist specs share. Everything goes through the browser, as a
// person would: no API shortcuts, no route interception.
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { formatDate } from "@/lib/format";

/** The reference checklist the seed imports (its headings carry mojibake the importer repairs). */
export const REFERENCE_CHECKLIST = path.resolve(process.cwd(), "prisma/seed/production-security-checklist.md");

/** A suffix that keeps names unique across runs and specs sharing one server. */
/** A UTC day `days` from today: as a date input takes it, and as the app shows it. */
export function dayFromToday(days: number): { iso: string; shown: string } {
  const day = new Date(Date.now() + days * 86_400_000);
  return { iso: day.toISOString().slice(0, 10), shown: formatDate(day) };
}

export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** The error alert of a form, told apart from Next's route announcer and toasts by its text. */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole("alert").filter({ hasText: text });
}

/** Pastes Markdown on the import page, previews and imports it; ends on the template page. */
export async function importMarkdownByPaste(page: Page, markdown: string, title: string): Promise<string> {
  await page.goto("/templates/import");
  await page.getByLabel("Paste Markdown").fill(markdown);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
  await page.getByRole("button", { name: "Import template" }).click();
  await expect(page.getByText(`Imported “${title}”`)).toBeVisible();
  await expect(page).toHaveURL(/\/templates\/(?!import$)[^/?]+$/);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * From a template page: "New deployment", fill the form, create; ends on the checklist.
 * Returns the deployment's path.
 */
export async function createDeploymentFromTemplatePage(
  page: Page,
  deployment: { service: string; environment?: string; version?: string },
): Promise<string> {
  const version = deployment.version ?? "1.0.0";
  await page.getByRole("link", { name: "New deployment" }).click();
  await expect(page).toHaveURL(/\/deployments\/new\?templateVersion=/);
  await fillNewDeploymentForm(page, { ...deployment, version });
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByText(`Created ${deployment.service} ${version}`)).toBeVisible();
  await expect(page).toHaveURL(/\/deployments\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { name: `${deployment.service} ${version}`, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The template every fresh Preflight has: other specs add templates, so pick it by name. */
export const REFERENCE_TEMPLATE = "Production Security Checklist";

/** `template`: choose that template's latest version (the form otherwise preselects the first by name). */
export async function fillNewDeploymentForm(
  page: Page,
  deployment: { service: string; environment?: string; version?: string; template?: string },
) {
  if (deployment.template) {
    const select = page.getByLabel("Template version");
    const value = await select
      .locator("option", { hasText: `${deployment.template} — ` })
      .filter({ hasText: "(latest)" })
      .first()
      .getAttribute("value");
    await select.selectOption(value);
  }
  await page.getByLabel("Service").fill(deployment.service);
  await page.getByLabel("Environment").fill(deployment.environment ?? "production");
  await page.getByLabel("Version", { exact: true }).fill(deployment.version ?? "1.0.0");
}

/** A checklist section, found by (part of) its heading. */
export function checklistSection(page: Page, heading: string | RegExp): Locator {
  return page.locator("section", { has: page.getByRole("heading", { name: heading }) });
}

/** The leaf row (<li data-item-row>) whose "Done:" checkbox is named for this item. */
export function itemRow(page: Page, plainText: string): Locator {
  return page.locator("li[data-item-row]", {
    has: page.getByRole("checkbox", { name: `Done: ${plainText}`, exact: true }),
  });
}
