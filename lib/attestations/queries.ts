// Reading attestations and approval records: the one of the sign-off that stands, all of a
// deployment's (invalidated ones marked), and the record.json an offline check hashes.
import "server-only";
import { readerOf, type ReadOptions } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { DsseEnvelope } from "@/lib/attestations/dsse";
import { buildSignOffRecord, type SignOffRecord } from "@/lib/attestations/record";
import type { DigestState } from "@/lib/signoff/digest";
import { isPlausibleId } from "@/lib/validation";

export type AttestationEntry = {
  signOffId: string;
  reviewer: { id: string; name: string };
  approvedAt: string;
  keyid: string;
  /** Withdrawn approvals' attestations still verify; they no longer stand. */
  invalidatedAt: string | null;
  invalidationReason: string | null;
  envelope: DsseEnvelope;
};

async function deploymentExists(deploymentId: string, options?: ReadOptions): Promise<void> {
  const found =
    isPlausibleId(deploymentId) &&
    (await readerOf(options).deployment.findUnique({ where: { id: deploymentId }, select: { id: true } }));
  if (!found) throw new AppError("NOT_FOUND", "That deployment does not exist.");
}

/** Every attestation of the deployment, newest first. */
export async function listAttestations(deploymentId: string, options?: ReadOptions): Promise<AttestationEntry[]> {
  await deploymentExists(deploymentId, options);
  const rows = await readerOf(options).signOff.findMany({
    where: { deploymentId, attestationKeyId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      attestation: true,
      attestationKeyId: true,
      invalidatedAt: true,
      invalidationReason: true,
      reviewer: { select: { id: true, name: true } },
    },
  });
  return rows.map((row) => ({
    signOffId: row.id,
    reviewer: row.reviewer,
    approvedAt: row.createdAt.toISOString(),
    keyid: row.attestationKeyId!,
    invalidatedAt: row.invalidatedAt?.toISOString() ?? null,
    invalidationReason: row.invalidationReason,
    envelope: row.attestation as unknown as DsseEnvelope,
  }));
}

/** The attestation of the sign-off that stands; 409 naming why there is none. */
export async function standingAttestation(deploymentId: string, options?: ReadOptions): Promise<AttestationEntry> {
  const entries = await listAttestations(deploymentId, options);
  const standing = entries.find((entry) => entry.invalidatedAt === null);
  if (standing) return standing;
  const latest = entries[0];
  throw new AppError(
    "CONFLICT",
    latest
      ? `No sign-off stands: the last attested one was withdrawn (${latest.invalidationReason ?? "invalidated"}).`
      : "This deployment has no attested sign-off yet.",
    { code: "NO_ATTESTATION" },
  );
}

/** The item states an approval approved (by default, that of the sign-off that stands). */
export async function approvalRecord(
  deploymentId: string,
  signOffId: string | undefined,
  options?: ReadOptions,
): Promise<SignOffRecord | null> {
  if (!isPlausibleId(deploymentId) || (signOffId !== undefined && !isPlausibleId(signOffId))) return null;
  const row = await readerOf(options).signOff.findFirst({
    where: {
      deploymentId,
      decision: "APPROVED",
      snapshot: { not: Prisma.DbNull },
      ...(signOffId ? { id: signOffId } : { invalidatedAt: null }),
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, deploymentId: true, digestVersion: true, snapshot: true },
  });
  if (!row?.snapshot) return null;
  return buildSignOffRecord({ ...row, snapshot: row.snapshot as unknown as DigestState[] });
}
