// The checklist as the server sends it to the page (and the browser refetches it).
import type { Readiness, Verification } from "@/lib/checklists/readiness";
import type { ItemStateView } from "@/lib/deployments/item-state-view";
import type { DeploymentStatus, Priority, SectionKind } from "@/lib/generated/prisma/enums";
import type { SignOffView } from "@/lib/signoff/sign-off-view";
import type { WaiverView } from "@/lib/waivers/rules";

/** `key`: the item in every template version (its history is kept by it; the page's row is `item-<key>`). */
export type ChecklistItem = {
  id: string;
  key: string;
  text: string;
  /** Markdown under the item in its template that is not a box; null when none. */
  details: string | null;
  children: ChecklistItem[];
  state: ItemStateView | null;
  /** The item's current waiver (pending, approved or expired; a rejected or revoked one is
   * history), null when none. */
  waiver: WaiverView | null;
};
export type ChecklistSection = {
  id: string;
  title: string;
  kind: SectionKind;
  priority: Priority | null;
  items: ChecklistItem[];
};

export type Checklist = {
  deployment: {
    id: string;
    service: string;
    environment: string;
    version: string;
    status: DeploymentStatus;
    targetDate: string | null;
    owner: { id: string; name: string };
    updatedAt: string;
    description: string | null;
    /** Commit SHA or tag the release ships. */
    releaseRef: string | null;
    pipelineRunUrl: string | null;
    deployedAt: string | null;
    cancelledAt: string | null;
    cancelReason: string | null;
  };
  template: {
    id: string;
    name: string;
    versionNumber: number;
    latestVersionNumber: number;
    /** The version accepts waivers of CRITICAL items (each then needs two approvers). */
    allowCriticalWaivers: boolean;
    /** Open HIGH items block the gate on this version. */
    highBlocksGate: boolean;
  };
  sections: ChecklistSection[];
  /** Every waiver of the deployment, newest first (items carry their current one). */
  waivers: WaiverView[];
  /** Pre-deployment items only: what the gate and a sign-off look at. */
  readiness: Readiness;
  /** Post-deployment verification, ticked after the go-live. */
  verification: Verification;
  /** Fingerprint of the pre-deployment item states shown (digest algorithm v2): what an
   * approval of this page approves. */
  digest: string;
  signOff: SignOffView;
};
