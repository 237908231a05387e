// Password hashing with Argon2id (@node-rs/argon2, OWASP's recommended parameters).
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs what a real check costs, so an
 * unknown email takes as long as a wrong password (no user enumeration by timing). */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

/** A random password for new and demo accounts: 20 characters from a 64-symbol alphabet. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
