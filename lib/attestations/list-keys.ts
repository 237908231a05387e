// The public keys that sign attestations, current and retired, for anyone to verify with:
// GET /api/v1/attestation-keys and the CLI's `--key <URL>`. Public by nature; no permission.
import "server-only";
import { readerOf, type ReadOptions } from "@/lib/db";

export type AttestationKeyList = {
  keys: { id: string; publicKeyPem: string; createdAt: string; retiredAt: string | null }[];
};

export async function listAttestationKeys(options?: ReadOptions): Promise<AttestationKeyList> {
  const rows = await readerOf(options).attestationKey.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return {
    keys: rows.map((row) => ({
      id: row.id,
      publicKeyPem: row.publicKeyPem,
      createdAt: row.createdAt.toISOString(),
      retiredAt: row.retiredAt?.toISOString() ?? null,
    })),
  };
}
