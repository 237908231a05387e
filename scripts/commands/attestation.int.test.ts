// `npm run cli -- attestation …` as an auditor and an operator run it: a real process, its
// output and exit code. verify runs with a database URL nobody listens on: it needs none.
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attestSignOff } from "@/lib/attestations/attest";
import { currentSigningKey, type SigningKeySource } from "@/lib/attestations/keys";
import { buildSignOffRecord } from "@/lib/attestations/record";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { checklistDigest, type DigestState } from "@/lib/signoff/digest";
import { createScratchDatabase, disposeAfterFile } from "@/test/db";

type Run = { status: number | null; stdout: string; stderr: string };

function cli(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "attestation", ...args],
      { encoding: "utf8", timeout: 60_000, env: { ...process.env, LOG_LEVEL: "silent", APP_ENV: "local", ...env } },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

const noDatabase = { DATABASE_URL: "postgresql://127.0.0.1:1/none" };
const items: DigestState[] = [
  {
    key: "backups",
    kind: "PRE_DEPLOYMENT",
    status: "DONE",
    naReason: null,
    note: "restore tested",
    evidenceLinks: ["https://ci/1"],
  },
  { key: "tls", kind: "PRE_DEPLOYMENT", status: "DONE", naReason: null, note: null, evidenceLinks: [] },
];

async function instance(): Promise<{ db: PrismaClient; url: string; source: SigningKeySource; dir: string }> {
  const url = await createScratchDatabase();
  await migrate(url);
  const db = createPrismaClient(url, { max: 2 });
  disposeAfterFile(() => db.$disconnect());
  const dir = mkdtempSync(path.join(tmpdir(), "preflight-attest-"));
  disposeAfterFile(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return { db, url, dir, source: { dataDir: path.join(dir, "data"), production: false } };
}

async function signedFiles(db: PrismaClient, source: SigningKeySource, dir: string) {
  const key = await currentSigningKey(db, source);
  const { envelope } = attestSignOff(
    {
      deployment: { id: "dep-cli", service: "billing", environment: "production", version: "2.4.0", releaseRef: null },
      template: { id: "tpl", name: "Checklist", version: 1 },
      digest: checklistDigest(items, 2),
      digestVersion: 2,
      approvals: [{ reviewer: { id: "u1", name: "Ada Lovelace" }, approvedAt: new Date(), comment: "", groups: [] }],
      waivers: [],
      verdict: "GO",
      auditEventHash: "e".repeat(64),
    },
    key,
  );
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  return {
    key,
    file,
    attestation: file("attestation.json", JSON.stringify(envelope)),
    envelope,
    keysJson: async () => file("keys.json", JSON.stringify({ keys: await db.attestationKey.findMany() })),
    pem: file("key.pem", key.publicKeyPem),
    record: file(
      "record.json",
      JSON.stringify(buildSignOffRecord({ id: "so1", deploymentId: "dep-cli", digestVersion: 2, snapshot: items })),
    ),
  };
}

describe.concurrent("npm run cli -- attestation verify", () => {
  it("exits 0 with one line naming the deployment, approvers and key id; with --record, the digest matches", async () => {
    const { db, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const keys = await files.keysJson();
    const result = await cli(noDatabase, "verify", files.attestation, "--key", keys, "--record", files.record);
    expect(result).toMatchObject({ status: 0, stderr: "" });
    expect(result.stdout.trim()).toMatch(
      new RegExp(
        `^attestation verified: deployment dep-cli \\(billing@2\\.4\\.0, production\\) approved by Ada Lovelace; signed by key ${files.key.keyid}; the record's item states match sha256 [0-9a-f]{64}$`,
      ),
    );
    expect((await cli(noDatabase, "verify", files.attestation, "--key", files.pem)).status).toBe(0);
  });

  it("fetches the keys from a URL", async () => {
    const { db, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const body = JSON.stringify({ keys: await db.attestationKey.findMany() });
    const server = createServer((_request, response) => response.end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    disposeAfterFile(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/attestation-keys`;
    const result = await cli(noDatabase, "verify", files.attestation, "--key", url);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^attestation verified: deployment dep-cli/);
  });

  it("exits 1 with one line when one byte of the payload changed", async () => {
    const { db, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const payload = Buffer.from(files.envelope.payload, "base64");
    payload[payload.indexOf("billing")] = "B".charCodeAt(0);
    const changed = files.file(
      "changed.json",
      JSON.stringify({ ...files.envelope, payload: payload.toString("base64") }),
    );
    const result = await cli(noDatabase, "verify", changed, "--key", await files.keysJson());
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      `attestation NOT verified: bad signature: the signature by key ${files.key.keyid} does not match the payload (it was changed, or not signed by this key)`,
    ]);
  });

  it("exits 1 when one item state of the record changed", async () => {
    const { db, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const changed = buildSignOffRecord({
      id: "so1",
      deploymentId: "dep-cli",
      digestVersion: 2,
      snapshot: items.map((item) => (item.key === "tls" ? { ...item, status: "NOT_APPLICABLE" } : item)),
    });
    const record = files.file("changed-record.json", JSON.stringify(changed));
    const result = await cli(noDatabase, "verify", files.attestation, "--key", files.pem, "--record", record);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^attestation NOT verified: digest mismatch: the record's item states hash to sha256 [0-9a-f]{64}, the attestation approved [0-9a-f]{64}$/,
    );
  });

  it("exits 1 naming an unknown key id, and 2 without --key", async () => {
    const { db, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const other = await instance();
    const otherKey = await currentSigningKey(other.db, other.source);
    const otherPem = files.file("other.pem", otherKey.publicKeyPem);
    const unknown = await cli(noDatabase, "verify", files.attestation, "--key", otherPem);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      `attestation NOT verified: unknown key id ${files.key.keyid}: none of the given public keys has this id`,
    );
    const missing = await cli(noDatabase, "verify", files.attestation);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^--key: give the public keys/);
  });
});

describe("npm run cli -- attestation rotate-key", () => {
  it("retires the old key but keeps it listed: an attestation signed before still verifies", async () => {
    const { db, url, source, dir } = await instance();
    const files = await signedFiles(db, source, dir);
    const env = { DATABASE_URL: url, DATA_DIR: source.dataDir, ATTESTATION_SIGNING_KEY: "" };
    const rotated = await cli(env, "rotate-key");
    expect(rotated.status).toBe(0);
    expect(rotated.stdout.trim()).toMatch(
      new RegExp(`^attestation signing key is now ed25519:[0-9a-f]{16}; retired ${files.key.keyid} \\(still listed`),
    );
    const rows = await db.attestationKey.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === files.key.keyid)?.retiredAt).toBeInstanceOf(Date);
    const result = await cli(
      noDatabase,
      "verify",
      files.attestation,
      "--key",
      await files.keysJson(),
      "--record",
      files.record,
    );
    expect(result.status).toBe(0);
  });

  it("refuses when ATTESTATION_SIGNING_KEY is set", async () => {
    const { url, source } = await instance();
    const given = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const result = await cli(
      { DATABASE_URL: url, DATA_DIR: source.dataDir, ATTESTATION_SIGNING_KEY: given },
      "rotate-key",
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(
      /^ATTESTATION_SIGNING_KEY is set, so the signing key is not Preflight's to rotate/,
    );
  });
});
