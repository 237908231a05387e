// The XSS corpus (e2e/xss-corpus.ts) typed through the UI into every field people write
// in, then every page that shows them visited in Chromium: nothing runs, nothing opens a
// dialog, no script link or event handler reaches the DOM, and the text shows as text.
// Labels that refuse < > must say so; everything else must render inert.
import type { Locator, Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { itemRow, unique } from "./helpers";
import {
  allPayloadsText,
  expectNoXss,
  expectShownAsText,
  labelPayloads,
  payloads,
  referenceDefinitions,
  watchDialogs,
  xssFindings,
} from "./xss-corpus";

const id = unique();
const title = `XSS corpus ${id}`;
const heading = (n: number) => payloads.find((p) => p.n === n)!.text;

function corpusMarkdown(): string {
  return [
    `# ${title}`,
    "",
    `## CRITICAL checks ${heading(3)}`,
    "- [ ] Note target",
    "- [ ] NA target",
    "",
    `## HIGH ${heading(1)}`,
    ...payloads.map((p) => `- [ ] p${p.n}: ${p.text}`),
    "",
    `## Notes ${heading(11)}`,
    "",
    ...payloads.flatMap((p) => [`p${p.n}: ${p.text}`, ""]),
    ...referenceDefinitions.flatMap((line) => [line, ""]),
    "## Weekly",
    "- [ ] Weekly target",
    "",
    "## Incident response procedure",
    `1. Contain ${heading(7)}`,
    `2. Communicate ${heading(2)}`,
    "",
  ].join("\n");
}

async function selectOptionContaining(select: Locator, text: string) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value);
}

async function openAllDetails(page: Page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
}

test.describe("XSS corpus in every user-written field", () => {
  test("the checks see what they look for (on a page without a policy)", async ({ page }) => {
    await page.setContent(
      `<a href="JavaScript:void 0">a</a><a href="data:text/html,x">d</a><b onclick="x()">b</b><script>window.__xss = 1</script><style>/* __xss */</style>`,
    );
    expect(await xssFindings(page)).toEqual({
      xss: 1,
      scriptLinks: ['<a href="JavaScript:void 0">a</a>', '<a href="data:text/html,x">d</a>'],
      handlers: ['<b onclick="x()">'],
      scriptsWithoutNonce: ["<script>window.__xss = 1</script>"],
      userStyles: 1,
    });
  });

  test("stored in every field, shown on every page, never run", async ({ page, browser, login }) => {
    test.setTimeout(150_000);
    const dialogs = watchDialogs(page);
    await login({ role: "ADMIN" });
    let templateUrl = "";

    await test.step("imported template text: preview and template page", async () => {
      await page.goto("/templates/import");
      await page.getByLabel("Paste Markdown").fill(corpusMarkdown());
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
      await openAllDetails(page);
      await expectNoXss(page, dialogs, "import preview");
      await page.getByRole("button", { name: "Import template" }).click();
      await expect(page.getByText(`Imported “${title}”`)).toBeVisible();
      await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
      templateUrl = page.url();
      await openAllDetails(page);
      await expectShownAsText(page, `p1: ${heading(1)}`, "template page item");
      await expectShownAsText(page, heading(3), "template page heading");
      await expectNoXss(page, dialogs, "template page");
    });

    // An engineer owns the deployment, so the admin may review it (four eyes).
    const engineerContext = await browser.newContext();
    const engineer = await engineerContext.newPage();
    const engineerDialogs = watchDialogs(engineer);
    const service = `xss-${id}`;
    const environment = "'-alert(14)-'";
    const version = "{{constructor.constructor('window.__xss=15')()}}";
    let deploymentPath = "";

    await test.step("deployment labels: < > refused with a message, the rest stored", async () => {
      const credential = credentialFor("ENGINEER");
      await signIn(engineer, credential.email, credential.password);
      await expect(engineer.getByTestId("current-user")).toBeVisible();
      await engineer.goto(templateUrl);
      await engineer.getByRole("link", { name: "New deployment" }).click();
      await engineer.getByLabel("Service").fill(service);
      await engineer.getByLabel("Environment").fill(heading(3));
      await engineer.getByLabel("Version", { exact: true }).fill(heading(2));
      await engineer.getByRole("button", { name: "Create deployment" }).click();
      await expect(engineer.getByText("The environment cannot contain control characters or < >.")).toBeVisible();
      await expect(engineer.getByLabel("Environment")).toHaveAttribute("aria-invalid", "true");
      await engineer.getByLabel("Environment").fill(environment);
      await engineer.getByLabel("Version", { exact: true }).fill(version);
      await engineer.getByRole("button", { name: "Create deployment" }).click();
      await expect(engineer.getByRole("heading", { name: `${service} ${version}`, level: 1 })).toBeVisible();
      deploymentPath = new URL(engineer.url()).pathname;
      await expectNoXss(engineer, engineerDialogs, "checklist");
    });

    await test.step("item note, evidence links and N/A reason", async () => {
      const row = itemRow(engineer, "Note target");
      await row.getByRole("button", { name: "Details: Note target", exact: true }).click();
      await row.getByRole("textbox", { name: "Note" }).fill(allPayloadsText());
      const evidence = row.getByLabel("Evidence links (one per line, http or https)");
      await evidence.fill("javascript:window.__xss=24");
      await row.getByRole("button", { name: "Save details" }).click();
      await expect(row.getByText("Evidence links must be http(s) URLs.")).toBeVisible();
      await evidence.fill('https://example.com/evidence"onmouseover="window.__xss=26');
      await row.getByRole("button", { name: "Save details" }).click();
      await expect(row).toContainText("has a note");
      await row.getByRole("checkbox", { name: "Done: Note target" }).click();
      await expect(row).toHaveAttribute("data-status", "DONE");

      const na = itemRow(engineer, "NA target");
      await na.getByRole("button", { name: "Not applicable: NA target", exact: true }).click();
      await na.getByRole("textbox", { name: "Why does “NA target” not apply?" }).fill(allPayloadsText());
      await na.getByRole("button", { name: "Mark not applicable" }).click();
      await expect(na).toHaveAttribute("data-status", "NOT_APPLICABLE");

      await engineer.reload();
      await itemRow(engineer, "Note target").getByRole("button", { name: "Details: Note target", exact: true }).click();
      await expect(itemRow(engineer, "Note target").getByRole("textbox", { name: "Note" })).toHaveValue(
        allPayloadsText(),
      );
      await expectShownAsText(engineer, `p2: ${heading(2)}`, "N/A reason");
      await expectNoXss(engineer, engineerDialogs, "checklist with note and N/A reason");
      await engineer.getByRole("button", { name: "Submit for review" }).click();
      await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
    });

    await test.step("sign-off comments: reject, then approve", async () => {
      await page.goto(deploymentPath);
      const review = page.getByRole("region", { name: /In review/ });
      await expectNoXss(page, dialogs, "review panel with N/A critical reasons");
      await review.getByLabel("Review comment").fill(allPayloadsText());
      await review.getByRole("button", { name: "Reject" }).click();
      await expect(page.getByText("Rejected: the deployment went back to the team")).toBeVisible();
      await page.reload();
      await expectShownAsText(page, `p13: ${heading(13)}`, "rejection comment");
      await expectNoXss(page, dialogs, "checklist after rejection");

      await engineer.reload();
      await engineer.getByRole("button", { name: "Submit for review" }).click();
      await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
      await page.reload();
      await review.getByLabel("Review comment").fill(allPayloadsText());
      await review.getByRole("button", { name: "Approve" }).click();
      await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();
      await page.reload();
      await expectNoXss(page, dialogs, "signed-off checklist");
    });

    await test.step("overview, deployments list and printable record", async () => {
      for (const path of [
        "/",
        "/deployments",
        `/deployments?q=${encodeURIComponent(service)}`,
        `${deploymentPath}/record`,
      ]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expectShownAsText(page, version, path);
        await openAllDetails(page);
        await expectNoXss(page, dialogs, path);
      }
    });

    await test.step("procedure run: title, step note, skip reason, timeline", async () => {
      await page.goto("/procedures");
      await selectOptionContaining(page.getByLabel("Procedure"), title);
      const runTitle = `Run ${id} ${heading(1)}`;
      await page.getByLabel("Title").fill(runTitle);
      await page.getByLabel("Severity").selectOption("SEV3");
      await page.getByRole("button", { name: "Start run" }).click();
      await expect(page.getByRole("heading", { name: runTitle, level: 1 })).toBeVisible();
      await page.getByRole("button", { name: "Add a note to step 1" }).click();
      await page.getByLabel("Note for step 1").fill(allPayloadsText());
      await page.getByRole("button", { name: "Save note" }).click();
      await expectShownAsText(page, `p4: ${heading(4)}`, "step note");
      await page.getByRole("button", { name: "Skip step 2" }).click();
      await page.getByLabel("Reason for skipping step 2").fill(heading(20));
      await page.getByRole("button", { name: "Skip step", exact: true }).click();
      await expectShownAsText(page, heading(20), "skip reason");
      await page.getByLabel("Timeline entry").fill(allPayloadsText());
      await page.getByRole("button", { name: "Add to timeline" }).click();
      await expect(page.locator("li[data-timeline-entry]", { hasText: "p12:" })).toBeVisible();
      await page.reload();
      await expectShownAsText(page, `Contain ${"x7"}`, "procedure step text");
      await expectNoXss(page, dialogs, "procedure run");
      await page.goto("/procedures");
      await expectNoXss(page, dialogs, "procedures list and active-run banner");
    });

    await test.step("maintenance task note and evidence link", async () => {
      await page.goto("/maintenance");
      await selectOptionContaining(page.getByLabel("Maintenance section"), title);
      await page.getByLabel("One service and environment").check();
      await page.getByLabel("Service", { exact: true }).fill(service);
      await page.getByLabel("Environment", { exact: true }).fill("production");
      await page.getByRole("button", { name: "Create schedule" }).click();
      const list = page.getByRole("region", {
        name: new RegExp(`^Weekly · ${service}/production · Week \\d+ of \\d{4}$`),
      });
      await list.getByRole("button", { name: "Complete “Weekly target”" }).click();
      await list.getByLabel("Note", { exact: true }).fill(allPayloadsText());
      await list.getByLabel("Evidence link (http or https)").fill("JaVaScRiPt:window.__xss=24");
      await list.getByRole("button", { name: "Mark complete" }).click();
      await expect(list.getByText("The evidence link must be an http(s) URL.")).toBeVisible();
      await list.getByLabel("Evidence link (http or https)").fill("https://logs.example.com/weekly");
      await list.getByRole("button", { name: "Mark complete" }).click();
      await expect(list.locator("li[data-task-row]", { hasText: "Weekly target" })).toContainText("Completed by");
      await page.reload();
      await expectShownAsText(page, `p6: ${heading(6)}`, "task note");
      await expectNoXss(page, dialogs, "maintenance board");
    });

    await test.step("user names: < > refused, the rest shown as text in the users list", async () => {
      await page.goto("/admin");
      await page.getByLabel("Name", { exact: true }).fill(heading(1));
      await page.getByLabel("Email", { exact: true }).fill(`xss-${id}@example.test`);
      await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
      await page.getByRole("button", { name: "Create user" }).click();
      await expect(page.getByText("A name cannot contain control characters or < >.")).toBeVisible();
      const name = labelPayloads.map((p) => p.text).find((text) => text.includes("constructor"))!;
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Create user" }).click();
      await expect(page.getByText(`Created xss-${id}@example.test.`)).toBeVisible();
      await page.reload();
      await expectShownAsText(page, name, "users list");
      await expectNoXss(page, dialogs, "users list");
    });

    await test.step("the template page and checklist once more, with everything stored", async () => {
      for (const url of [templateUrl, deploymentPath]) {
        await page.goto(url);
        await openAllDetails(page);
        await expectNoXss(page, dialogs, url);
      }
    });
    await engineerContext.close();
  });
});
