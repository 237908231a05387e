// The fingerprint of what a reviewer approves: sha256 over the checklist's item states in
// a canonical order. An approval stores it; a changed checklist has a different one.
import { createHash } from "node:crypto";

export type DigestState = {
  key: string;
  status: string;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
};

export function checklistDigest(states: DigestState[]): string {
  const canonical = [...states]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((s) => [s.key, s.status, s.naReason ?? "", s.note ?? "", [...s.evidenceLinks].sort()]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
