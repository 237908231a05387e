// Proof a stranger can check: after an approval in the browser, the attestation, the public
// keys and the approved item states are downloaded as an auditor would, and the CLI verifies
// them with no database; a changed byte or a changed item state fails with one line.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { credentialFor, expect, signIn, test } from "./fixtures";
import { dayFromToday, importMarkdownByPaste, itemRow, unique } from "./helpers";

function verify(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "attestation", "verify", ...args],
      // No database is needed: an address nobody listens on proves it.
      { env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:9/none", LOG_LEVEL: "silent" } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

async function as(browser: Browser, role: "REVIEWER" | "ENGINEER"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const credential = credentialFor(role);
  await signIn(page, credential.email, credential.password);
  await expect(page.getByTestId("current-user")).toBeVisible();
  return page;
}

test("an approval's attestation verifies offline, and fails on one changed byte or item state", async ({
  page,
  login,
  browser,
}) => {
  test.setTimeout(120_000);
  await login({ role: "ADMIN" });
  const title = `Attested ${unique()}`;
  await importMarkdownByPaste(page, `# ${title}\n\n## CRITICAL\n\n- [ ] Backups verified\n`, title);
  const templateUrl = page.url();

  const engineer = await as(browser, "ENGINEER");
  await engineer.goto(templateUrl);
  await engineer.getByRole("link", { name: "New deployment" }).click();
  const service = `attested-${unique()}`;
  await engineer.getByLabel("Service").fill(service);
  await engineer.getByLabel("Environment").fill("production");
  await engineer.getByLabel("Version", { exact: true }).fill("3.1.0");
  await engineer.getByRole("button", { name: "Create deployment" }).click();
  await expect(engineer.getByRole("heading", { name: `${service} 3.1.0`, level: 1 })).toBeVisible();
  const deploymentPath = new URL(engineer.url()).pathname;
  await engineer.getByRole("checkbox", { name: "Done: Backups verified" }).click();
  await expect(itemRow(engineer, "Backups verified")).toHaveAttribute("data-status", "DONE");
  await expect(engineer.getByRole("checkbox", { name: "Done: Backups verified" })).toBeEnabled();
  await engineer.getByRole("button", { name: "Submit for review" }).click();
  await expect(engineer.getByTestId("deployment-status")).toHaveText("Ready for review");

  const reviewer = await as(browser, "REVIEWER");
  await reviewer.goto(deploymentPath);
  const review = reviewer.getByRole("region", { name: /In review/ });
  await review.getByLabel("Next review").fill(dayFromToday(30).iso);
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByText("Approved: the deployment is signed off")).toBeVisible();

  // What an auditor downloads: the envelope, the public keys (no sign-in needed), the record.
  const attestation = await reviewer.request.get(`/api/v1${deploymentPath}/attestation`);
  expect(attestation.status()).toBe(200);
  const keys = await (await browser.newContext()).request.get(new URL("/api/v1/attestation-keys", page.url()).href);
  expect(keys.status()).toBe(200);
  const record = await reviewer.request.get(`${deploymentPath}/record.json`);
  expect(record.status()).toBe(200);
  const folder = mkdtempSync(path.join(tmpdir(), "preflight-attestation-"));
  const file = (name: string, body: string) => {
    const where = path.join(folder, name);
    writeFileSync(where, body);
    return where;
  };
  const envelope = (await attestation.json()) as { payload: string };
  const files = {
    attestation: file("attestation.json", JSON.stringify(envelope)),
    keys: file("keys.json", await keys.text()),
    record: file("record.json", await record.text()),
  };

  const verified = await verify(files.attestation, "--key", files.keys, "--record", files.record);
  expect(verified.code).toBe(0);
  expect(verified.output).toContain(service);
  expect(verified.output).toContain("Demo Reviewer");

  // One byte of the payload changed: the signature no longer holds.
  const payload = Buffer.from(envelope.payload, "base64");
  payload.writeUInt8(payload.readUInt8(payload.length - 2) ^ 1, payload.length - 2);
  const tampered = file("tampered.json", JSON.stringify({ ...envelope, payload: payload.toString("base64") }));
  const broken = await verify(tampered, "--key", files.keys);
  expect(broken.code).toBe(1);
  expect(broken.output.trim().split("\n")).toHaveLength(1);
  expect(broken.output).toMatch(/^attestation NOT verified: .*signature/);

  // One item state changed in the record: its digest is not the approved one.
  const changed = JSON.parse(await record.text()) as { items: { note: string | null }[] };
  changed.items[0]!.note = "added afterwards";
  const otherRecord = await verify(
    files.attestation,
    "--key",
    files.keys,
    "--record",
    file("changed.json", JSON.stringify(changed)),
  );
  expect(otherRecord.code).toBe(1);
  expect(otherRecord.output).toContain("digest mismatch");

  // The printable record names the key.
  await reviewer.goto(`${deploymentPath}/record`);
  await expect(reviewer.getByTestId("record-attestation")).toContainText("Signed with key ed25519:");
});
