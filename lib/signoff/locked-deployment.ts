// Every write that can change what a sign-off means (item changes, approvals, rejections,
// submissions, version moves) first locks the deployment row, so they happen one after
// another: no approval of a state that no longer exists, decided in the database.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeploymentStatus } from "@/lib/generated/prisma/enums";
import { CURRENT_DIGEST_VERSION, checklistDigest, type DigestState, type DigestVersion } from "@/lib/signoff/digest";

type Tx = Prisma.TransactionClient;

export type LockedDeployment = {
  id: string;
  status: DeploymentStatus;
  ownerId: string;
  requiredApprovals: number;
  reviewIntervalDays: number;
  /** The template version's: open HIGH items block the gate (and so submitting and approving). */
  highBlocksGate: boolean;
  allowCriticalWaivers: boolean;
  templateVersionId: string;
};

export async function lockDeployment(tx: Tx, deploymentId: string): Promise<LockedDeployment> {
  const rows = await tx.$queryRaw<LockedDeployment[]>`
    SELECT d.id, d.status, d."ownerId", v."requiredApprovals", v."reviewIntervalDays", v."highBlocksGate",
           v."allowCriticalWaivers", d."templateVersionId"
      FROM "Deployment" d
      JOIN "TemplateVersion" v ON v.id = d."templateVersionId"
     WHERE d.id = ${deploymentId}
       FOR UPDATE OF d`;
  const deployment = rows[0];
  if (!deployment) throw new AppError("NOT_FOUND", "That deployment does not exist.");
  return deployment;
}

/** The digest of the deployment's item states as this transaction sees them, by the
 * algorithm `version` (an approval is compared by its own). */
export async function currentDigest(
  tx: Tx,
  deploymentId: string,
  version: DigestVersion = CURRENT_DIGEST_VERSION,
): Promise<string> {
  return checklistDigest(await digestStates(tx, deploymentId), version);
}

/** The deployment's item states as the digest reads them (what an approval stores as its snapshot). */
export async function digestStates(tx: Tx, deploymentId: string): Promise<DigestState[]> {
  const states = await tx.itemState.findMany({
    where: { deploymentId },
    select: {
      status: true,
      naReason: true,
      note: true,
      evidenceLinks: true,
      item: { select: { key: true, section: { select: { kind: true } } } },
    },
  });
  return states
    .map(({ item, ...state }) => ({ key: item.key, kind: item.section.kind, ...state }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Approvals that still count: not invalidated, approving. */
export const activeApprovals = { decision: "APPROVED", invalidatedAt: null } as const;

/** Withdraws the approvals that still count, with the reason the page's banner shows;
 * answers how many it withdrew. */
export async function withdrawApprovals(
  tx: Tx,
  deploymentId: string,
  by: { actorId: string | null; reason: string; at?: Date },
): Promise<number> {
  const { count } = await tx.signOff.updateMany({
    where: { deploymentId, ...activeApprovals },
    data: { invalidatedAt: by.at ?? new Date(), invalidatedById: by.actorId, invalidationReason: by.reason },
  });
  return count;
}
