// DSSE (Dead Simple Signing Envelope, v1.0.2) with Ed25519: the signature covers the
// pre-authentication encoding of the payload type and the payload, never the JSON around
// them, so a signature made for one payload type cannot pass for another. Pure: node:crypto
// only, so the CLI verifies without a database. See docs/decisions/0012-attestations.md.
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

export type DsseSignature = { keyid: string; sig: string };
export type DsseEnvelope = { payloadType: string; payload: string; signatures: DsseSignature[] };

export type VerifyEnvelopeResult =
  { ok: true; keyid: string; payloadType: string; payload: Buffer } | { ok: false; reason: string };

/** "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes as ASCII decimal. */
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** "ed25519:" + the first 16 hex digits of sha256 over the public key's SPKI DER. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return `ed25519:${createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

/** The public key as SPKI PEM, the form the key table and the public-keys endpoint hold. */
export function publicKeyPemOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

export function signEnvelope(
  payloadType: string,
  payload: Buffer,
  privateKey: KeyObject,
  keyid: string = keyIdOf(privateKey),
): DsseEnvelope {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("DSSE signing here takes an Ed25519 private key.");
  const sig = sign(null, preAuthEncoding(payloadType, payload), privateKey);
  return { payloadType, payload: payload.toString("base64"), signatures: [{ keyid, sig: sig.toString("base64") }] };
}

/**
 * Accepts the envelope when one of its signatures is valid under the key its keyid names.
 * Keys are looked up by id only: a signature whose keyid is not listed is not tried
 * against other keys, so the result always names the key that vouched for it.
 */
export function verifyEnvelope(
  envelope: unknown,
  publicKeysById: ReadonlyMap<string, KeyObject>,
): VerifyEnvelopeResult {
  const parsed = parseEnvelope(envelope);
  if ("reason" in parsed) return { ok: false, reason: `malformed envelope: ${parsed.reason}` };
  const pae = preAuthEncoding(parsed.payloadType, parsed.payload);
  const unknown: string[] = [];
  const bad: string[] = [];
  for (const signature of parsed.signatures) {
    const key = publicKeysById.get(signature.keyid);
    if (!key) unknown.push(signature.keyid || "(none)");
    else if (key.asymmetricKeyType === "ed25519" && verify(null, pae, key, signature.sig))
      return { ok: true, keyid: signature.keyid, payloadType: parsed.payloadType, payload: parsed.payload };
    else bad.push(signature.keyid);
  }
  if (bad.length)
    return {
      ok: false,
      reason: `bad signature: the signature by key ${bad.join(", ")} does not match the payload (it was changed, or not signed by this key)`,
    };
  return {
    ok: false,
    reason: `unknown key id ${unknown.join(", ")}: none of the given public keys has ${unknown.length > 1 ? "these ids" : "this id"}`,
  };
}

type ParsedEnvelope = { payloadType: string; payload: Buffer; signatures: { keyid: string; sig: Buffer }[] };

function parseEnvelope(value: unknown): ParsedEnvelope | { reason: string } {
  if (!isRecord(value)) return { reason: "not a JSON object" };
  const { payloadType, payload, signatures } = value;
  if (typeof payloadType !== "string") return { reason: "payloadType is missing or not a string" };
  if (typeof payload !== "string") return { reason: "payload is missing or not a string" };
  const body = decodeBase64(payload);
  if (!body) return { reason: "payload is not base64" };
  if (!Array.isArray(signatures) || signatures.length === 0) return { reason: "it has no signatures" };
  const parsed: ParsedEnvelope["signatures"] = [];
  for (const [index, signature] of signatures.entries()) {
    if (!isRecord(signature) || typeof signature.sig !== "string")
      return { reason: `signature ${index + 1} has no sig string` };
    if (signature.keyid !== undefined && typeof signature.keyid !== "string")
      return { reason: `signature ${index + 1} has a keyid that is not a string` };
    const sig = decodeBase64(signature.sig);
    if (!sig) return { reason: `signature ${index + 1} is not base64` };
    parsed.push({ keyid: signature.keyid ?? "", sig });
  }
  return { payloadType, payload: body, signatures: parsed };
}

/** Standard or URL-safe base64 (DSSE allows either), strictly: Buffer.from alone skips bad characters. */
function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) return undefined;
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
