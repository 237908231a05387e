// Checking an attestation without the database: the DSSE signature under the key its key
// id names, the statement it carries, and (given the record) that the record's item states
// hash to the approved digest. Pure; the CLI reads the files and prints the outcome.
import type { KeyObject } from "node:crypto";
import { keyIdOf, verifyEnvelope } from "./dsse";
import { parsePublicKeyPem } from "./key-format";
import { recordDigest } from "./record";
import { approvedDigestOf, parseSignOffStatement, type SignOffStatement } from "./statement";

export type AttestationCheck =
  | { ok: true; keyid: string; statement: SignOffStatement; digest: string; recordChecked: boolean }
  | { ok: false; reason: string };

export function verifySignOffAttestation(
  envelope: unknown,
  publicKeysById: ReadonlyMap<string, KeyObject>,
  record?: unknown,
): AttestationCheck {
  const signed = verifyEnvelope(envelope, publicKeysById);
  if (!signed.ok) return signed;
  const read = parseSignOffStatement(signed.payloadType, signed.payload);
  if ("problem" in read) return { ok: false, reason: read.problem };
  const { statement } = read;
  const digest = approvedDigestOf(statement);
  if (!digest) return { ok: false, reason: "the statement has no preflight: subject with a sha256 digest" };
  if (record === undefined) return { ok: true, keyid: signed.keyid, statement, digest, recordChecked: false };
  const hashed = recordDigest(record);
  if ("problem" in hashed) return { ok: false, reason: hashed.problem };
  const { predicate } = statement;
  if (hashed.record.deploymentId !== predicate.deploymentId)
    return {
      ok: false,
      reason: `the record is of deployment ${hashed.record.deploymentId}, the attestation of ${predicate.deploymentId}`,
    };
  if (hashed.record.digestVersion !== predicate.digestVersion)
    return {
      ok: false,
      reason: `the record uses digest version ${hashed.record.digestVersion}, the attestation version ${predicate.digestVersion}`,
    };
  if (hashed.digest !== digest)
    return {
      ok: false,
      reason: `digest mismatch: the record's item states hash to sha256 ${hashed.digest}, the attestation approved ${digest}`,
    };
  return { ok: true, keyid: signed.keyid, statement, digest, recordChecked: true };
}

/**
 * Public keys from what an auditor holds: the public-keys endpoint's JSON
 * (`{ keys: [{ id, publicKeyPem, … }] }`) or one PEM. Each key is filed under the id computed
 * from it, and a listed id that does not match its key is refused rather than trusted.
 */
export function readPublicKeys(text: string): { keys: Map<string, KeyObject> } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) {
    const parsed = parsePublicKeyPem(trimmed);
    if ("problem" in parsed) return { problem: `the key ${parsed.problem}` };
    return { keys: new Map([[keyIdOf(parsed.key), parsed.key]]) };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { problem: "the key is neither a PEM public key nor JSON" };
  }
  const list = (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0)
    return { problem: "the keys JSON has no “keys” list (expected the shape of GET /api/v1/attestation-keys)" };
  const keys = new Map<string, KeyObject>();
  for (const [index, entry] of list.entries()) {
    const { id, publicKeyPem } = (entry ?? {}) as { id?: unknown; publicKeyPem?: unknown };
    if (typeof id !== "string" || typeof publicKeyPem !== "string")
      return { problem: `keys entry ${index + 1} has no id and publicKeyPem strings` };
    const parsed = parsePublicKeyPem(publicKeyPem);
    if ("problem" in parsed) return { problem: `key ${id} ${parsed.problem}` };
    const actual = keyIdOf(parsed.key);
    if (actual !== id)
      return { problem: `key ${id} is listed under the wrong id: its public key has the id ${actual}` };
    keys.set(id, parsed.key);
  }
  return { keys };
}

/** The one line a successful check prints. */
export function formatVerified(check: Extract<AttestationCheck, { ok: true }>): string {
  const { predicate } = check.statement;
  const approvers = predicate.approvals.map((a) => a.reviewer.name).join(", ") || "nobody";
  const record = check.recordChecked ? `; the record's item states match sha256 ${check.digest}` : "";
  return `attestation verified: deployment ${predicate.deploymentId} (${predicate.service}@${predicate.version}, ${predicate.environment}) approved by ${approvers}; signed by key ${check.keyid}${record}`;
}
