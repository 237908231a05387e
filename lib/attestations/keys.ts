// The instance's attestation signing key. Production gives it as ATTESTATION_SIGNING_KEY;
// local mode generates one into DATA_DIR (like secrets.json) on first use. Its public key
// is a row of AttestationKey; a changed key retires the previous row, which stays listed so
// attestations signed before the change still verify.
import "server-only";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DbClient } from "@/lib/db";
import { env, EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyIdOf, publicKeyPemOf } from "./dsse";
import { parseSigningKey } from "./key-format";

export type SigningKey = { keyid: string; privateKey: KeyObject; publicKeyPem: string };

/** Where the key comes from; defaults to the environment, tests give a temporary DATA_DIR. */
export type SigningKeySource = { setting?: string; dataDir: string; production: boolean };

export function signingKeySource(): SigningKeySource {
  const config = env();
  return {
    setting: config.ATTESTATION_SIGNING_KEY,
    dataDir: config.DATA_DIR,
    production: config.APP_ENV === "production",
  };
}

export function signingKeyFile(dataDir: string): string {
  return path.join(dataDir, "attestation-key.pem");
}

/** The private key, read from the setting or the data folder (generated there when missing). */
export function loadSigningKey(source: SigningKeySource = signingKeySource()): SigningKey {
  if (source.setting) {
    const parsed = parseSigningKey(source.setting);
    if ("problem" in parsed) throw new EnvError("ATTESTATION_SIGNING_KEY", parsed.problem);
    return describe(parsed.key);
  }
  // Production accepts nothing generated: a key in a container's folder would change on redeploy.
  if (source.production)
    throw new EnvError("ATTESTATION_SIGNING_KEY", "is required when APP_ENV=production to sign attestations");
  const file = signingKeyFile(source.dataDir);
  if (!existsSync(file)) writeNewKey(file, { exclusive: true });
  const parsed = parseSigningKey(readFileSync(file, "utf8"));
  if ("problem" in parsed)
    throw new Error(
      `${file} is damaged (it ${parsed.problem}); run \`npm run cli -- attestation rotate-key\` to replace it.`,
    );
  return describe(parsed.key);
}

/**
 * The key to sign with, its public key ensured as the current row of AttestationKey: inserted
 * when new, and any other current row retired. Runs inside the caller's transaction when given one.
 */
export async function currentSigningKey(
  db: DbClient | Prisma.TransactionClient,
  source: SigningKeySource = signingKeySource(),
): Promise<SigningKey> {
  const key = loadSigningKey(source);
  await ensureCurrentRow(db, key);
  return key;
}

/** Local mode: a new key file; the old public key is retired but kept. */
export async function rotateSigningKey(
  db: DbClient,
  source: SigningKeySource = signingKeySource(),
): Promise<{ current: string; retired: string[] }> {
  if (source.setting)
    throw new AppError(
      "CONFLICT",
      "ATTESTATION_SIGNING_KEY is set, so the signing key is not Preflight's to rotate: set a new key there and restart; the old public key is retired on first use of the new one.",
    );
  if (source.production)
    throw new AppError("CONFLICT", "In production the signing key is given as ATTESTATION_SIGNING_KEY; set a new one.");
  writeNewKey(signingKeyFile(source.dataDir), { exclusive: false });
  const key = loadSigningKey(source);
  const retired = await ensureCurrentRow(db, key);
  return { current: key.keyid, retired };
}

/** Returns the ids it retired. A retired key coming back is refused: it may have been retired because it leaked. */
async function ensureCurrentRow(db: DbClient | Prisma.TransactionClient, key: SigningKey): Promise<string[]> {
  // skipDuplicates: two instances starting on the same key both succeed.
  await db.attestationKey.createMany({
    data: [{ id: key.keyid, publicKeyPem: key.publicKeyPem }],
    skipDuplicates: true,
  });
  const row = await db.attestationKey.findUniqueOrThrow({ where: { id: key.keyid } });
  if (row.retiredAt)
    throw new AppError(
      "CONFLICT",
      `The attestation signing key ${key.keyid} was retired on ${row.retiredAt.toISOString()}; give a new key (or, in local mode, run \`npm run cli -- attestation rotate-key\`).`,
    );
  const others = await db.attestationKey.findMany({
    where: { retiredAt: null, id: { not: key.keyid } },
    select: { id: true },
  });
  if (others.length)
    await db.attestationKey.updateMany({
      where: { id: { in: others.map((o) => o.id) }, retiredAt: null },
      data: { retiredAt: new Date() },
    });
  return others.map((o) => o.id);
}

function writeNewKey(file: string, { exclusive }: { exclusive: boolean }): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  if (exclusive) {
    try {
      // wx: when two processes start at once, the first key written is the one both use.
      writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return;
  }
  // A rotation replaces the file whole: a reader sees the old key or the new one, never half.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600 });
  renameSync(temporary, file);
}

function describe(privateKey: KeyObject): SigningKey {
  return { keyid: keyIdOf(privateKey), privateKey, publicKeyPem: publicKeyPemOf(privateKey) };
}
