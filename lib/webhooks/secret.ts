// Webhook secrets: generated here, shown once, and kept encrypted at rest. They cannot be
// hashed like passwords because every delivery is signed with the secret itself; AES-256-GCM
// with a key derived (HKDF) from AUTH_SECRET means a database dump alone does not reveal them.
import "server-only";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { env } from "@/lib/env";

const SECRET_PREFIX = "whsec_";
const ENVELOPE_VERSION = "v1";

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64url");
}

/** The hex HMAC-SHA256 of the exact body bytes: the X-Preflight-Signature value after "sha256=". */
export function signBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const encrypted = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [
    ENVELOPE_VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    encrypted.toString("base64url"),
  ].join(".");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, encrypted] = stored.split(".");
  if (version !== ENVELOPE_VERSION || !iv || !tag || !encrypted)
    throw new Error("A webhook secret is stored in an unknown format.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
}

let cachedKey: { from: string; key: Buffer } | undefined;

function encryptionKey(): Buffer {
  const config = env();
  // Local mode generates AUTH_SECRET into the data folder; the CLI reads it from there too.
  const authSecret = config.AUTH_SECRET ?? loadLocalSecrets(config.DATA_DIR).authSecret;
  if (cachedKey?.from !== authSecret) {
    // A purpose-specific key: the session-signing secret itself never encrypts anything.
    cachedKey = {
      from: authSecret,
      key: Buffer.from(hkdfSync("sha256", authSecret, "preflight", "webhook-secret-encryption-v1", 32)),
    };
  }
  return cachedKey.key;
}
