// The signed record of one deployment: its checklist and every review decision, oldest
// first, as the printable record page lays them out.
import "server-only";
import type { Checklist } from "@/lib/checklists/types";
import { dbOf, type DomainOptions } from "@/lib/db";
import { getChecklist } from "@/lib/deployments/get-checklist";
import type { SignOffDecision } from "@/lib/generated/prisma/enums";
import { CURRENT_DIGEST_VERSION, digestVersionOf } from "@/lib/signoff/digest";
import { currentDigest } from "@/lib/signoff/locked-deployment";
import { isPlausibleId } from "@/lib/validation";

/** A record lists every decision; this many is already far beyond any real review. */
export const DECISIONS_SHOWN = 200;

export type RecordDecision = {
  id: string;
  decision: SignOffDecision;
  comment: string;
  digest: string;
  /** The digest algorithm the decision was stored with (lib/signoff/digest.ts). */
  digestVersion: number;
  /** Whether the checklist today has the digest this decision names, by its own algorithm. */
  matchesChecklist: boolean;
  createdAt: Date;
  nextReviewAt: Date | null;
  invalidatedAt: Date | null;
  invalidationReason: string | null;
  reviewer: string;
  invalidatedBy: string | null;
  /** The key id of its attestation (the approval that cleared the deployment); null when none. */
  attestationKeyId: string | null;
  /** It stored the item states it approved (record.json). */
  hasSnapshot: boolean;
};

export type DeploymentRecord = { checklist: Checklist; decisions: RecordDecision[] };

/** null when there is no such deployment (or the id cannot be one). */
export async function getDeploymentRecord(
  deploymentId: string,
  options?: DomainOptions,
): Promise<DeploymentRecord | null> {
  const checklist = await getChecklist(deploymentId, options);
  if (!checklist) return null;
  const decisions = await dbOf(options).signOff.findMany({
    where: { deploymentId: checklist.deployment.id },
    orderBy: { createdAt: "asc" },
    take: DECISIONS_SHOWN,
    select: {
      id: true,
      decision: true,
      comment: true,
      digest: true,
      digestVersion: true,
      createdAt: true,
      nextReviewAt: true,
      invalidatedAt: true,
      invalidationReason: true,
      attestationKeyId: true,
      snapshot: true,
      reviewer: { select: { name: true } },
      invalidatedBy: { select: { name: true } },
    },
  });
  // Today's digest is the checklist's; an older algorithm's is computed only when a decision names it.
  const digests = new Map<number, string>([[CURRENT_DIGEST_VERSION, checklist.digest]]);
  for (const version of new Set(decisions.map((d) => d.digestVersion))) {
    if (!digests.has(version))
      digests.set(version, await currentDigest(dbOf(options), checklist.deployment.id, digestVersionOf(version)));
  }
  return {
    checklist,
    decisions: decisions.map(({ reviewer, invalidatedBy, snapshot, ...decision }) => ({
      ...decision,
      hasSnapshot: snapshot !== null,
      matchesChecklist: decision.digest === digests.get(decision.digestVersion),
      reviewer: reviewer.name,
      invalidatedBy: invalidatedBy?.name ?? null,
    })),
  };
}

/** What a deployment's tab title names; null when there is no such deployment. */
export async function getDeploymentHeading(
  deploymentId: string,
  options?: DomainOptions,
): Promise<{ service: string; version: string } | null> {
  if (!isPlausibleId(deploymentId)) return null;
  return dbOf(options).deployment.findUnique({
    where: { id: deploymentId },
    select: { service: true, version: true },
  });
}
