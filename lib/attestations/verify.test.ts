import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checklistDigest, type DigestState } from "@/lib/signoff/digest";
import { attestSignOff } from "./attest";
import { keyIdOf, publicKeyPemOf } from "./dsse";
import { buildSignOffRecord } from "./record";
import type { SignOffStatementInput } from "./statement";
import { formatVerified, readPublicKeys, verifySignOffAttestation } from "./verify";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const keyid = keyIdOf(publicKey);
const items: DigestState[] = [
  {
    key: "b",
    kind: "PRE_DEPLOYMENT",
    status: "DONE",
    naReason: null,
    note: "ok",
    evidenceLinks: ["https://x/2", "https://x/1"],
  },
  { key: "a", kind: "PRE_DEPLOYMENT", status: "NOT_APPLICABLE", naReason: "no db", note: null, evidenceLinks: [] },
  { key: "c", kind: "POST_DEPLOYMENT", status: "TODO", naReason: null, note: null, evidenceLinks: [] },
];
const input: SignOffStatementInput = {
  deployment: { id: "dep1", service: "billing", environment: "production", version: "2.4.0", releaseRef: null },
  template: { id: "tpl1", name: "Checklist", version: 1 },
  digest: checklistDigest(items, 2),
  digestVersion: 2,
  approvals: [
    { reviewer: { id: "u1", name: "Ada" }, approvedAt: new Date(), comment: "", groups: [] },
    { reviewer: { id: "u2", name: "Grace" }, approvedAt: new Date(), comment: "", groups: [] },
  ],
  waivers: [],
  verdict: "GO",
  auditEventHash: "f".repeat(64),
};
const { envelope } = attestSignOff(input, { keyid, privateKey });
const keys = new Map([[keyid, publicKey]]);
const record = buildSignOffRecord({ id: "so1", deploymentId: "dep1", digestVersion: 2, snapshot: items });

describe("verifySignOffAttestation", () => {
  it("accepts the attestation, and the record whose item states hash to its digest", () => {
    const check = verifySignOffAttestation(envelope, keys, JSON.parse(JSON.stringify(record)));
    expect(check).toMatchObject({ ok: true, keyid, recordChecked: true });
    expect(check.ok && formatVerified(check)).toBe(
      `attestation verified: deployment dep1 (billing@2.4.0, production) approved by Ada, Grace; signed by key ${keyid}; the record's item states match sha256 ${input.digest}`,
    );
  });

  it("ignores post-deployment items under digest version 2, as the approval did", () => {
    const changedPost = { ...record, items: record.items.map((i) => (i.key === "c" ? { ...i, status: "DONE" } : i)) };
    expect(verifySignOffAttestation(envelope, keys, changedPost).ok).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    [
      "one item state changed",
      { ...record, items: record.items.map((i) => (i.key === "a" ? { ...i, naReason: "no DB" } : i)) },
      /^digest mismatch: the record's item states hash to sha256 [0-9a-f]{64}, the attestation approved [0-9a-f]{64}$/,
    ],
    ["another deployment's", { ...record, deploymentId: "dep2" }, /^the record is of deployment dep2/],
    ["another digest version", { ...record, digestVersion: 1 }, /^the record uses digest version 1/],
    ["an unknown digest version", { ...record, digestVersion: 9 }, /does not know$/],
    ["a record without items", { deploymentId: "dep1" }, /^the record is not a Preflight sign-off record/],
  ])("refuses a record with %s", (_name, value, reason) => {
    const check = verifySignOffAttestation(envelope, keys, value);
    expect(!check.ok && check.reason).toMatch(reason);
  });
});

describe("readPublicKeys", () => {
  const pem = publicKeyPemOf(publicKey);

  it("reads a PEM, and the public-keys endpoint's JSON", () => {
    const fromPem = readPublicKeys(pem);
    expect("keys" in fromPem && [...fromPem.keys.keys()]).toEqual([keyid]);
    const json = JSON.stringify({ keys: [{ id: keyid, publicKeyPem: pem, createdAt: "", retiredAt: null }] });
    const read = readPublicKeys(json);
    expect("keys" in read && [...read.keys.keys()]).toEqual([keyid]);
  });

  it("refuses a key listed under an id that is not its own", () => {
    const json = JSON.stringify({ keys: [{ id: "ed25519:0000000000000000", publicKeyPem: pem }] });
    expect(readPublicKeys(json)).toEqual({
      problem: `key ed25519:0000000000000000 is listed under the wrong id: its public key has the id ${keyid}`,
    });
  });

  it.each([
    ["text", "hello", /neither a PEM public key nor JSON/],
    ["JSON without keys", "{}", /has no “keys” list/],
  ])("refuses %s", (_name, text, problem) => {
    const read = readPublicKeys(text);
    expect("problem" in read && read.problem).toMatch(problem);
  });
});
