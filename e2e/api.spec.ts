// The REST API as a pipeline uses it: an admin creates a token in the browser, copies the
// secret from the page, and the gate script and plain HTTP calls use it.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./fixtures";
import { E2E_BASE_URL } from "./server";
import { createDeploymentFromTemplatePage, importMarkdownByPaste, unique } from "./helpers";

const run = promisify(execFile);

/** scripts/gate-check.sh as a CI step runs it: exit code and everything it printed. */
async function gateCheck(deploymentId: string, token: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("bash", ["scripts/gate-check.sh", deploymentId], {
      env: { ...process.env, PREFLIGHT_URL: E2E_BASE_URL, PREFLIGHT_TOKEN: token },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test("an admin creates a token; the gate script and the API use it until it is revoked", async ({
  page,
  login,
  request,
}) => {
  await login({ role: "ADMIN" });
  const title = `API gate ${unique()}`;
  await importMarkdownByPaste(
    page,
    `# ${title}\n\n## CRITICAL\n- [ ] Backups verified\n\n## HIGH\n- [ ] Alerts configured\n`,
    title,
  );
  const deploymentId = (await createDeploymentFromTemplatePage(page, { service: `api-${unique()}` })).split("/").pop()!;

  await page.goto("/admin");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  const name = `pipeline ${unique()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: /^WRITE/ }).click();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText(`Created the token “${name}”.`)).toBeVisible();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const token = await page.getByLabel("API token").inputValue();
  expect(token).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText("WRITE, GATE");

  // The pipeline step: not ready, with the reasons, exit code 1.
  const notReady = await gateCheck(deploymentId, token);
  expect(notReady.code).toBe(1);
  expect(notReady.output).toContain(`Deployment ${deploymentId} is NOT ready:`);
  expect(notReady.output).toContain("OPEN_CRITICAL_ITEMS: 1 critical item(s) are open.");
  expect(notReady.output).toContain("NOT_SUBMITTED");

  // Plain HTTP with the bearer token.
  const auth = { Authorization: `Bearer ${token}` };
  const checklist = await request.get(`/api/v1/deployments/${deploymentId}`, { headers: auth });
  expect(checklist.status()).toBe(200);
  const body = (await checklist.json()) as {
    sections: { items: { id: string; text: string; state: { version: number } | null }[] }[];
  };
  const backups = body.sections.flatMap((s) => s.items).find((i) => i.text === "Backups verified")!;
  const patched = await request.patch(`/api/v1/deployments/${deploymentId}/items/${backups.id}`, {
    headers: auth,
    data: { version: backups.state!.version, status: "DONE" },
  });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ status: "DONE", version: backups.state!.version + 1 });
  const stale = await request.patch(`/api/v1/deployments/${deploymentId}/items/${backups.id}`, {
    headers: auth,
    data: { version: backups.state!.version, status: "OPEN" },
  });
  expect(stale.status()).toBe(409);
  expect(await stale.json()).toMatchObject({ current: { status: "DONE" } });
  const gate = await request.get(`/api/v1/deployments/${deploymentId}/gate`, { headers: auth });
  expect(gate.status()).toBe(409);
  expect(gate.headers()["cache-control"]).toBe("no-store");
  expect(await gate.json()).toMatchObject({ ready: false, reasons: [{ code: "NOT_SUBMITTED" }] });
  const badQuery = await request.get("/api/v1/deployments?status=bogus", { headers: auth });
  expect([badQuery.status(), await badQuery.json()]).toEqual([
    400,
    { error: "status: is not a deployment status", field: "status" },
  ]);
  const document = await request.get("/api/v1/openapi.json");
  expect(Object.keys((await document.json()).paths)).toContain("/api/v1/deployments/{id}/gate");

  // Revoked: refused at once.
  await page.reload();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText(`Revoked “${name}”; it stops working at once.`)).toBeVisible();
  const revoked = await gateCheck(deploymentId, token);
  expect(revoked.code).toBe(2);
  expect(revoked.output).toContain("HTTP 401");
  expect(revoked.output).toContain("revoked");
});

test("the API reference page lists the endpoints from the OpenAPI document", async ({ page, login }) => {
  await login({ role: "VIEWER" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /GET\s*\/api\/v1\/deployments\/\{id\}\/gate/ })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /PATCH\s*\/api\/v1\/deployments\/\{id\}\/items\/\{itemId\}/ }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "GateNotReady" })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
});
