// The shape of an API token secret and how it is kept: `pf_` + 32 random bytes in
// base64url, stored only as a sha256 hash (the secret has 256 bits of entropy, so a fast
// hash is enough; a slow password hash would cost every API request for nothing).
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PATTERN = /^pf_[A-Za-z0-9_-]{43}$/;
export const TOKEN_PREFIX_LENGTH = 10;

export function generateTokenSecret(): string {
  return `pf_${randomBytes(32).toString("base64url")}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function prefixOf(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX_LENGTH);
}
