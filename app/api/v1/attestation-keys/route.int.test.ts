// GET /api/v1/attestation-keys as an auditor calls it: no token, no session.
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf, publicKeyPemOf } from "@/lib/attestations/dsse";
import { attestationKeysResponse } from "@/lib/api/v1/schemas";
import { readPublicKeys } from "@/lib/attestations/verify";
import { useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

describe("GET /api/v1/attestation-keys", () => {
  it("lists current and retired public keys without authentication, in a form the CLI verifies with", async () => {
    const [earlier, retired] = [generateKeyPairSync("ed25519").publicKey, generateKeyPairSync("ed25519").publicKey];
    const retiredAt = new Date("2026-01-02T03:04:05Z");
    // Retired rows only: a current row here would retire other tests' current key on their next signature.
    await prisma.attestationKey.createMany({
      data: [
        { id: keyIdOf(earlier), publicKeyPem: publicKeyPemOf(earlier), retiredAt: new Date() },
        { id: keyIdOf(retired), publicKeyPem: publicKeyPemOf(retired), retiredAt },
      ],
    });
    const { GET } = await import("./route");
    const response = await GET(new Request("http://localhost/api/v1/attestation-keys"));
    expect(response.status).toBe(200);
    const body = attestationKeysResponse.parse(await response.json());
    expect(body.keys).toContainEqual({
      id: keyIdOf(retired),
      publicKeyPem: publicKeyPemOf(retired),
      createdAt: expect.any(String),
      retiredAt: retiredAt.toISOString(),
    });
    const ours = body.keys.filter((key) => key.id === keyIdOf(earlier) || key.id === keyIdOf(retired));
    const read = readPublicKeys(JSON.stringify({ keys: ours }));
    expect("keys" in read && read.keys.size === 2).toBe(true);
  });
});
