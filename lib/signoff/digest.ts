// The fingerprint of what a reviewer approves: sha256 over the checklist's item states in
// a canonical order. An approval stores it with the version of the algorithm that made it;
// a changed checklist has a different one.
//   v1: every item, pre- and post-deployment.
//   v2: pre-deployment items only, so verification ticked after the go-live never changes
//       what was approved. New approvals use v2; a v1 approval is checked with v1.
import { createHash } from "node:crypto";

export const digestVersions = [1, 2] as const;
export type DigestVersion = (typeof digestVersions)[number];
export const CURRENT_DIGEST_VERSION: DigestVersion = 2;

export type DigestState = {
  key: string;
  /** The kind of the item's section. */
  kind: string;
  status: string;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
};

export function checklistDigest(states: DigestState[], version: DigestVersion = CURRENT_DIGEST_VERSION): string {
  const covered = version === 1 ? states : states.filter((s) => s.kind === "PRE_DEPLOYMENT");
  const canonical = [...covered]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s) => [s.key, s.status, s.naReason ?? "", s.note ?? "", [...s.evidenceLinks].sort()]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** The algorithm a stored approval names; a number this code does not know is an error, not a silent v1. */
export function digestVersionOf(stored: number): DigestVersion {
  const version = digestVersions.find((v) => v === stored);
  if (version === undefined) throw new Error(`Unknown checklist digest version ${stored}.`);
  return version;
}
