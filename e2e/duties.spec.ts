// Separation of duties, waivers and reviewer groups, as the people involved use them: a
// reviewer who did the work cannot approve it (in the browser or over the API); a waiver is
// asked for, approved, shown on the record, the CSV and the managers' list, and once it
// expires the gate refuses and the owner's My work says so; a version naming two groups needs
// an approval from each.
import type { Browser, Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { withE2EDatabase } from "./database";
import { dayFromToday, importMarkdownByPaste, itemRow, unique } from "./helpers";

// One pattern: Playwright reads a two-element array given to test.use as [value, options].
test.use({ allowedConsoleErrors: [/status of (403|409)/] });

async function as(browser: Browser, role: "REVIEWER" | "ENGINEER" | "MANAGER"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const credential = credentialFor(role);
  await signIn(page, credential.email, credential.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

const markdown = (title: string) =>
  `# ${title}\n\n## CRITICAL\n\n- [ ] Backups verified\n\n## HIGH\n\n- [ ] Alerts configured\n`;

async function newDeployment(page: Page, templateUrl: string, service: string, owner?: string) {
  await page.goto(templateUrl);
  await page.getByRole("link", { name: "New deployment" }).click();
  await page.getByLabel("Service").fill(service);
  await page.getByLabel("Environment").fill("production");
  await page.getByLabel("Version", { exact: true }).fill("1.0.0");
  if (owner) {
    const value = await page.getByLabel("Owner").locator("option", { hasText: owner }).first().getAttribute("value");
    await page.getByLabel("Owner").selectOption(value);
  }
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByRole("heading", { name: `${service} 1.0.0`, level: 1 })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function tick(page: Page, text: string) {
  await page.getByRole("checkbox", { name: `Done: ${text}` }).click();
  await expect(itemRow(page, text)).toHaveAttribute("data-status", "DONE");
}

test("a reviewer who created the deployment for an engineer and ticked its items cannot approve it", async ({
  page,
  login,
  browser,
}) => {
  await login({ role: "ADMIN" });
  const title = `Duties ${unique()}`;
  await importMarkdownByPaste(page, markdown(title), title);
  const templateUrl = page.url();

  const reviewer = await as(browser, "REVIEWER");
  const path = await newDeployment(reviewer, templateUrl, `duties-${unique()}`, "Demo Engineer");
  await tick(reviewer, "Backups verified");
  await reviewer.getByRole("button", { name: "Submit for review" }).click();
  await expect(reviewer.getByTestId("deployment-status")).toHaveText("Ready for review");

  const refusal =
    "You may not approve this deployment: you created it and changed the status of one of its items. A reviewer who did not work on it must approve it.";
  const review = reviewer.getByRole("region", { name: /In review/ });
  await expect(review.getByTestId("approval-conflict")).toHaveText(refusal);
  await expect(review.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(review.getByRole("list", { name: "Who worked on it" })).toContainText("created it");
  const crafted = await reviewer.request.post(`/api/v1/deployments${path.replace("/deployments", "")}/approvals`, {
    data: { comment: "mine", digest: "0".repeat(64) },
  });
  expect(crafted.status()).toBe(403);
  expect(await crafted.json()).toEqual({ error: refusal, code: "SEPARATION_OF_DUTIES" });
  const gate = await reviewer.request.get(`/api/v1${path}/gate`);
  expect(gate.status()).toBe(409);
});

test("a waiver is asked for, approved, recorded, listed, and once expired the gate refuses and My work says so", async ({
  page,
  login,
  browser,
}) => {
  test.setTimeout(120_000);
  await login({ role: "ADMIN" });
  const title = `Waivers ${unique()}`;
  await importMarkdownByPaste(page, markdown(title), title);
  const templateUrl = page.url();
  const service = `waiver-${unique()}`;
  const until = dayFromToday(10);

  const engineer = await as(browser, "ENGINEER");
  const path = await newDeployment(engineer, templateUrl, service);
  await tick(engineer, "Backups verified");
  await expect(engineer.getByTestId("gate")).toHaveText("Go with risks");
  await engineer.getByRole("button", { name: "Details: Alerts configured" }).click();
  const form = engineer.getByRole("form", { name: "Request a waiver of Alerts configured" });
  await form.getByRole("button", { name: "Request waiver" }).click();
  await expect(form.getByLabel("Reason the risk is accepted")).toHaveAccessibleDescription(
    "Give the reason the risk is accepted.",
  );
  await form.getByLabel("Reason the risk is accepted").fill("The alerting rewrite ships next sprint");
  await form.getByLabel("Compensating control or ticket link").fill("https://tickets.example.test/OPS-42");
  await form.getByLabel("Waived until").fill(until.iso);
  await form.getByRole("button", { name: "Request waiver" }).click();
  await expect(engineer.getByText("Waiver requested: it needs 1 reviewer approval")).toBeVisible();
  await expect(itemRow(engineer, "Alerts configured").locator("[data-waiver]")).toHaveText(
    "Waiver pending · 0 of 1 approval",
  );

  const reviewer = await as(browser, "REVIEWER");
  await reviewer.goto(path);
  await reviewer.getByRole("button", { name: "Details: Alerts configured" }).click();
  await reviewer.getByRole("button", { name: "Approve waiver" }).click();
  await expect(reviewer.getByText("Waiver approved: the item is settled until it expires")).toBeVisible();
  await expect(itemRow(reviewer, "Alerts configured").locator("[data-waiver]")).toHaveText(
    `Waived until ${until.shown}`,
  );
  await expect(reviewer.getByTestId("gate")).toHaveText("Go with waivers");

  await engineer.reload();
  await engineer.getByRole("button", { name: "Submit for review" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");
  // The waiver's approver did no work on the deployment: they may sign it off.
  await reviewer.reload();
  const review = reviewer.getByRole("region", { name: /In review/ });
  await expect(review.getByRole("heading", { name: "Waivers (1)" })).toBeVisible();
  await review.getByLabel("Next review").fill(dayFromToday(45).iso);
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText("Approved: the deployment is signed off")).toBeVisible();
  expect((await reviewer.request.get(`/api/v1${path}/gate`)).status()).toBe(200);

  await reviewer.goto(`${path}/record`);
  const record = reviewer.getByRole("region", { name: "Waivers (1)" });
  await expect(record.getByRole("row", { name: /Alerts configured/ })).toContainText("Waived");
  await expect(record).toContainText("https://tickets.example.test/OPS-42");
  const csv = await (await reviewer.request.get(`/deployments/export.csv?q=${service}`)).text();
  const [header, row] = csv.trim().split("\n");
  expect(header!.split(",")[12]).toBe("Waived");
  expect(row!.split(",")[12]).toBe("1");

  const manager = await as(browser, "MANAGER");
  await manager.goto("/waivers");
  await expect(
    manager.getByRole("region", { name: /Expiring within 14 days/ }).getByRole("link", { name: `${service} 1.0.0` }),
  ).toBeVisible();

  // Ten days on: moved into the past in the database, as no browser can wait for it.
  await withE2EDatabase((client) =>
    client.query(`UPDATE "Waiver" SET "expiresAt" = now() - interval '1 minute' WHERE "deploymentId" = $1`, [
      path.split("/").pop(),
    ]),
  );
  const gate = await reviewer.request.get(`/api/v1${path}/gate`);
  expect(gate.status()).toBe(409);
  expect(((await gate.json()) as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toContain(
    "WAIVER_EXPIRED",
  );
  await engineer.goto("/my-work");
  await expect(
    engineer
      .getByRole("listitem")
      .filter({ hasText: `${service} 1.0.0` })
      .getByText("Waiver expired"),
  ).toBeVisible();
  await manager.reload();
  await expect(
    manager.getByRole("region", { name: /^Expired/ }).getByRole("link", { name: `${service} 1.0.0` }),
  ).toBeVisible();
});

test("a version naming two reviewer groups signs off only with an approval from each", async ({
  page,
  login,
  browser,
}) => {
  test.setTimeout(120_000);
  await login({ role: "ADMIN" });
  const [security, release] = [`sec-${unique()}`, `rel-${unique()}`];
  await page.goto("/admin/groups");
  for (const slug of [security, release]) {
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Name", { exact: true }).fill(slug);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("heading", { name: new RegExp(slug) })).toBeVisible();
  }
  const addMember = async (slug: string, email: string) => {
    const select = page.getByLabel(`Add a member to ${slug}`);
    await select.selectOption(await select.locator("option", { hasText: email }).getAttribute("value"));
    await select.locator("xpath=ancestor::form").getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("button", { name: new RegExp(`^Remove .* from ${slug}$`) })).toBeVisible();
  };
  await addMember(security, credentialFor("REVIEWER").email);
  await addMember(release, credentialFor("ADMIN").email);

  const title = `Groups ${unique()}`;
  const templateId = await importMarkdownByPaste(page, markdown(title), title);
  await page.goto(`/templates/${templateId}/edit`);
  await page.getByRole("combobox", { name: /Approver group of section “CRITICAL”/ }).selectOption(security);
  await page.getByRole("combobox", { name: /Approver group of section “HIGH”/ }).selectOption(release);
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByText("Published version 2")).toBeVisible();
  const templateUrl = `/templates/${templateId}`;

  const engineer = await as(browser, "ENGINEER");
  const path = await newDeployment(engineer, templateUrl, `groups-${unique()}`);
  await tick(engineer, "Backups verified");
  await tick(engineer, "Alerts configured");
  await engineer.getByRole("button", { name: "Submit for review" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");

  const reviewer = await as(browser, "REVIEWER");
  await reviewer.goto(path);
  const review = reviewer.getByRole("region", { name: /In review/ });
  await expect(review.getByTestId("required-groups")).toHaveText(
    `Needs an approval from each of: ${security}, ${release} · still missing: ${security}, ${release}.`,
  );
  await review.getByLabel("Next review").fill(dayFromToday(30).iso);
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText(`Approved; it still needs approval from ${release}`)).toBeVisible();
  const gate = await reviewer.request.get(`/api/v1${path}/gate`);
  expect(gate.status()).toBe(409);
  expect(await gate.json()).toMatchObject({
    reasons: [
      {
        code: "MISSING_APPROVALS",
        message: `No approval yet from “${release}” (each group needs a different approver).`,
      },
    ],
  });

  await page.goto(path);
  const adminReview = page.getByRole("region", { name: /In review/ });
  await adminReview.getByLabel("Next review").fill(dayFromToday(30).iso);
  await adminReview.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved: the deployment is signed off")).toBeVisible();
  expect((await page.request.get(`/api/v1${path}/gate`)).status()).toBe(200);
});
