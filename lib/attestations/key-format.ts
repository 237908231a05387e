// Reading Ed25519 keys from the forms operators and auditors hand over. Pure: lib/env.ts
// validates ATTESTATION_SIGNING_KEY with it at start-up, the CLI reads public keys with it.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

const hint = "give an Ed25519 private key as PKCS#8 PEM, or base64 of that PEM or of its DER";

/** ATTESTATION_SIGNING_KEY: PKCS#8 PEM, or base64 of PEM or DER. `problem` completes "ATTESTATION_SIGNING_KEY …". */
export function parseSigningKey(value: string): { key: KeyObject } | { problem: string } {
  const text = value.trim();
  let key: KeyObject;
  try {
    if (text.startsWith("-----BEGIN")) key = createPrivateKey({ key: text, format: "pem" });
    else {
      if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return { problem: `is neither PEM nor base64 (${hint})` };
      const bytes = Buffer.from(text.replace(/\s+/g, ""), "base64");
      const asText = bytes.toString("utf8").trim();
      key = asText.startsWith("-----BEGIN")
        ? createPrivateKey({ key: asText, format: "pem" })
        : createPrivateKey({ key: bytes, format: "der", type: "pkcs8" });
    }
  } catch {
    return { problem: `is not a readable private key (${hint})` };
  }
  if (key.asymmetricKeyType !== "ed25519") return { problem: `is not an Ed25519 key but ${typeName(key)} (${hint})` };
  return { key };
}

/** A public key given as SPKI PEM; `problem` says why it is not an Ed25519 one. */
export function parsePublicKeyPem(pem: string): { key: KeyObject } | { problem: string } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    return { problem: "is not a readable public key (expected a PEM “BEGIN PUBLIC KEY” block)" };
  }
  if (key.asymmetricKeyType !== "ed25519") return { problem: `is not an Ed25519 key but ${typeName(key)}` };
  return { key };
}

function typeName(key: KeyObject): string {
  return key.asymmetricKeyType?.toUpperCase() ?? "of an unknown type";
}
