// The actor's own deployments that need them: rejected, signed off until an edit invalidated
// the sign-off (and nobody approved since), past their target date, or with an item a
// waiver no longer settles (it expired). Each reason is the
// rule the rest of the product applies: the gate's sign-off facts for "invalidated", the
// lists' missed-target rule for the date.
import "server-only";
import type { Actor } from "@/lib/auth/policy";
import type { ReadOptions } from "@/lib/db";
import { missedTarget, missedTargetWhere } from "@/lib/deployments/due-dates";
import { activeStatuses, type DeploymentStatus } from "@/lib/deployments/lifecycle";
import { signOffFactsByDeployment } from "@/lib/deployments/readiness-query";
import type { Prisma } from "@/lib/generated/prisma/client";

type Reader = NonNullable<ReadOptions["db"]>;

export type AttentionReason = "REJECTED" | "SIGNOFF_INVALIDATED" | "MISSED_TARGET" | "WAIVER_EXPIRED";

export type DeploymentNeedingMe = {
  id: string;
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  targetDate: Date | null;
  reasons: AttentionReason[];
};

/** Owned by the actor and possibly needing them; the sign-off facts decide "invalidated". */
function candidatesWhere(actor: Actor, today: Date, now: Date): Prisma.DeploymentWhereInput {
  return {
    ownerId: actor.id,
    OR: [
      { status: "REJECTED" },
      missedTargetWhere(today),
      // An approval was ever withdrawn: only then can the facts find an invalidation.
      {
        status: { in: [...activeStatuses] },
        signOffs: { some: { decision: "APPROVED", invalidatedAt: { not: null } } },
      },
      // A waiver expired: only then can the facts find an item it left open.
      {
        status: { in: [...activeStatuses] },
        waivers: { some: { OR: [{ status: "EXPIRED" }, { status: "APPROVED", expiresAt: { lte: now } }] } },
      },
    ],
  };
}

/** Two statements however many deployments: the candidates, then their sign-off facts in one
 * aggregate. `today` is the organisation's (organisationToday / calendarDay). */
export async function deploymentsNeedingMe(
  actor: Actor,
  today: Date,
  client: Reader,
  now = new Date(),
): Promise<DeploymentNeedingMe[]> {
  const candidates = await client.deployment.findMany({
    where: candidatesWhere(actor, today, now),
    orderBy: [{ targetDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    select: { id: true, service: true, environment: true, version: true, status: true, targetDate: true },
  });
  const facts = await signOffFactsByDeployment(
    candidates.map((c) => c.id),
    client,
    now,
  );
  return candidates
    .map((deployment) => {
      const reasons: AttentionReason[] = [];
      if (deployment.status === "REJECTED") reasons.push("REJECTED");
      if (facts.get(deployment.id)?.invalidated) reasons.push("SIGNOFF_INVALIDATED");
      if (missedTarget(deployment, today)) reasons.push("MISSED_TARGET");
      if ((facts.get(deployment.id)?.expiredWaivers ?? 0) > 0) reasons.push("WAIVER_EXPIRED");
      return { ...deployment, reasons };
    })
    .filter((deployment) => deployment.reasons.length > 0);
}
