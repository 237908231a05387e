// The attestation of the approval that cleared a deployment: the statement's facts read in the
// approval's own transaction (after its audit event, whose hash it carries), signed with the
// instance's key, stored on the sign-off. A key that cannot be had (production without
// ATTESTATION_SIGNING_KEY, a retired key given again) leaves the approval standing without an
// attestation and says so in the log: the sign-off is the reviewers' decision, the
// attestation its proof, and GET …/attestation answers 409 naming the missing proof.
import "server-only";
import { logger } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/checklists/readiness";
import { attestSignOff } from "@/lib/attestations/attest";
import { currentSigningKey } from "@/lib/attestations/keys";
import { activeApprovals } from "@/lib/signoff/locked-deployment";

type Tx = Prisma.TransactionClient;

export async function signApproval(
  tx: Tx,
  input: {
    signOffId: string;
    deploymentId: string;
    digest: string;
    digestVersion: number;
    verdict: Verdict;
    now: Date;
  },
): Promise<string | null> {
  let key;
  try {
    key = await currentSigningKey(tx);
  } catch (error) {
    logger().error({ err: error, deploymentId: input.deploymentId }, "attestation not signed: no signing key");
    return null;
  }
  const deployment = await tx.deployment.findUniqueOrThrow({
    where: { id: input.deploymentId },
    select: {
      id: true,
      service: true,
      environment: true,
      version: true,
      releaseRef: true,
      templateVersion: { select: { number: true, template: { select: { id: true, name: true } } } },
    },
  });
  const [approvals, waivers, audit] = await Promise.all([
    tx.signOff.findMany({
      where: { deploymentId: input.deploymentId, ...activeApprovals },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, comment: true, groups: true, reviewer: { select: { id: true, name: true } } },
    }),
    tx.waiver.findMany({
      where: { deploymentId: input.deploymentId, status: "APPROVED", expiresAt: { gt: input.now } },
      orderBy: { itemKey: "asc" },
      select: {
        itemKey: true,
        itemText: true,
        expiresAt: true,
        approvals: { select: { reviewer: { select: { id: true, name: true } } } },
      },
    }),
    tx.auditEvent.findFirstOrThrow({
      where: { action: "signoff.approve", entityType: "SignOff", entityId: input.signOffId },
      orderBy: { id: "desc" },
      select: { hash: true },
    }),
  ]);
  const { envelope, keyid } = attestSignOff(
    {
      deployment: {
        id: deployment.id,
        service: deployment.service,
        environment: deployment.environment,
        version: deployment.version,
        releaseRef: deployment.releaseRef,
      },
      template: {
        id: deployment.templateVersion.template.id,
        name: deployment.templateVersion.template.name,
        version: deployment.templateVersion.number,
      },
      digest: input.digest,
      digestVersion: input.digestVersion,
      approvals: approvals.map((a) => ({
        reviewer: a.reviewer,
        approvedAt: a.createdAt,
        comment: a.comment,
        groups: a.groups,
      })),
      waivers: waivers.map((w) => ({
        itemKey: w.itemKey,
        itemText: w.itemText,
        expiresAt: w.expiresAt,
        approvers: w.approvals.map((a) => a.reviewer),
      })),
      verdict: input.verdict,
      auditEventHash: audit.hash ?? "",
    },
    key,
  );
  await tx.signOff.update({
    where: { id: input.signOffId },
    data: { attestation: envelope, attestationKeyId: keyid },
  });
  return keyid;
}
