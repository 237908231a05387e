import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/test/db";
import { migrate } from "@/lib/db/migrate";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { keyIdOf } from "./dsse";
import { currentSigningKey, loadSigningKey, rotateSigningKey, signingKeyFile, type SigningKeySource } from "./keys";

const scratch = mkdtempSync(path.join(tmpdir(), "preflight-keys-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const localSource = (): SigningKeySource => ({ dataDir: path.join(scratch, `data-${++counter}`), production: false });

// Each test gets its own database: the key table holds one current key per instance.
async function freshDb(): Promise<PrismaClient> {
  const url = await createScratchDatabase();
  await migrate(url);
  const prisma = createPrismaClient(url, { max: 2 });
  afterAll(() => prisma.$disconnect());
  return prisma;
}

const pkcs8Pem = () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("local mode", () => {
  it("generates the key once into DATA_DIR/attestation-key.pem, mode 0600, and inserts its public key as current", async () => {
    const db = await freshDb();
    const source = localSource();
    const first = await currentSigningKey(db, source);
    const file = signingKeyFile(source.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.keyid).toMatch(/^ed25519:[0-9a-f]{16}$/);
    const again = await currentSigningKey(db, source);
    expect(again.keyid).toBe(first.keyid);
    expect(await db.attestationKey.findMany()).toEqual([
      { id: first.keyid, publicKeyPem: first.publicKeyPem, createdAt: expect.any(Date), retiredAt: null },
    ]);
  });

  it("rotates: a new key file, the old public key retired but kept", async () => {
    const db = await freshDb();
    const source = localSource();
    const before = await currentSigningKey(db, source);
    const oldPem = readFileSync(signingKeyFile(source.dataDir), "utf8");
    const rotated = await rotateSigningKey(db, source);
    expect(rotated).toEqual({ current: expect.not.stringMatching(before.keyid), retired: [before.keyid] });
    expect(readFileSync(signingKeyFile(source.dataDir), "utf8")).not.toBe(oldPem);
    expect(statSync(signingKeyFile(source.dataDir)).mode & 0o777).toBe(0o600);
    expect((await currentSigningKey(db, source)).keyid).toBe(rotated.current);
    const rows = await db.attestationKey.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.id, r.retiredAt !== null])).toEqual([
      [before.keyid, true],
      [rotated.current, false],
    ]);
  });

  it("refuses a retired key that comes back", async () => {
    const db = await freshDb();
    const source = localSource();
    await currentSigningKey(db, source);
    const oldPem = readFileSync(signingKeyFile(source.dataDir), "utf8");
    await rotateSigningKey(db, source);
    writeFileSync(signingKeyFile(source.dataDir), oldPem);
    await expect(currentSigningKey(db, source)).rejects.toThrow(/was retired on .*give a new key/);
  });

  it("names a damaged key file and how to replace it", () => {
    const source = localSource();
    loadSigningKey(source);
    writeFileSync(signingKeyFile(source.dataDir), "garbage");
    expect(() => loadSigningKey(source)).toThrow(/attestation-key\.pem is damaged .*attestation rotate-key/);
  });
});

describe("ATTESTATION_SIGNING_KEY", () => {
  it.each([
    ["PEM", (pem: string) => pem],
    ["base64 of the PEM", (pem: string) => Buffer.from(pem).toString("base64")],
    [
      "base64 of the DER",
      (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64"),
    ],
  ])("is read as %s, and setting a new one retires the old row on first use", async (_name, encode) => {
    const db = await freshDb();
    const dataDir = path.join(scratch, `given-${++counter}`);
    const first = await currentSigningKey(db, { setting: encode(pkcs8Pem()), dataDir, production: true });
    const second = await currentSigningKey(db, { setting: encode(pkcs8Pem()), dataDir, production: true });
    expect(first.keyid).not.toBe(second.keyid);
    expect(existsSync(signingKeyFile(dataDir))).toBe(false);
    const rows = await db.attestationKey.findMany();
    expect(rows.find((r) => r.id === first.keyid)?.retiredAt).toBeInstanceOf(Date);
    expect(rows.find((r) => r.id === second.keyid)?.retiredAt).toBeNull();
  });

  it("gives the key id of the public key", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const setting = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(loadSigningKey({ setting, dataDir: scratch, production: true }).keyid).toBe(keyIdOf(publicKey));
  });

  it("is required in production, which generates nothing", () => {
    expect(() => loadSigningKey({ dataDir: scratch, production: true })).toThrow(
      "Configuration error: ATTESTATION_SIGNING_KEY is required when APP_ENV=production to sign attestations.",
    );
  });

  it("cannot be rotated by the CLI when given", async () => {
    const db = await freshDb();
    await expect(rotateSigningKey(db, { setting: pkcs8Pem(), dataDir: scratch, production: false })).rejects.toThrow(
      /ATTESTATION_SIGNING_KEY is set, so the signing key is not Preflight's to rotate/,
    );
  });
});
