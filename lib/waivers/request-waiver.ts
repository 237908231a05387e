// The team asks to accept a risk on one open pre-deployment item: a reason, a compensating
// control or ticket, an expiry within the template's review interval. Pending, it settles
// nothing; requesting it is work on the deployment (a contribution).
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { itemEditable, statusWords } from "@/lib/deployments/lifecycle";
import { AppError, invalidField } from "@/lib/errors";
import { utcDay } from "@/lib/format";
import { recordContributions } from "@/lib/signoff/contributions";
import { lockDeployment } from "@/lib/signoff/locked-deployment";
import { approvalsNeeded, DEFAULT_WAIVER_DAYS, expiryProblem, maxWaiverDays } from "@/lib/waivers/rules";
import { requestWaiverSchema } from "@/lib/waivers/schemas";

export async function requestWaiver(
  actor: Actor | null,
  input: z.input<typeof requestWaiverSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<{ id: string; requiredApprovals: number; expiresAt: string }> {
  requirePermission(actor, "item:update");
  const data = parseInput(requestWaiverSchema, input);
  const now = options?.now ?? new Date();
  return dbOf(options).$transaction(async (tx) => {
    const deployment = await lockDeployment(tx, data.deploymentId);
    if (!itemEditable(deployment.status, "PRE_DEPLOYMENT"))
      throw new AppError(
        "CONFLICT",
        `This deployment is ${statusWords(deployment.status)}; its items can no longer be waived.`,
        { code: "TRANSITION_NOT_ALLOWED" },
      );
    const state = await tx.itemState.findUnique({
      where: { deploymentId_itemId: { deploymentId: data.deploymentId, itemId: data.itemId } },
      select: {
        status: true,
        item: { select: { key: true, text: true, section: { select: { kind: true, priority: true } } } },
      },
    });
    if (!state) throw new AppError("NOT_FOUND", "That checklist item does not exist in this deployment.");
    const { item } = state;
    if (item.section.kind !== "PRE_DEPLOYMENT")
      throw new AppError(
        "BAD_REQUEST",
        "Only pre-deployment items can be waived; verification is checked after the go-live.",
      );
    if (state.status !== "OPEN")
      throw new AppError("CONFLICT", "Only an open item can be waived; this one is settled already.");
    const priority = item.section.priority;
    if (priority === "CRITICAL" && !deployment.allowCriticalWaivers)
      throw new AppError(
        "FORBIDDEN",
        "This template does not allow waivers of critical items: settle the item, or mark it not applicable with a reason.",
        { code: "CRITICAL_WAIVER_NOT_ALLOWED" },
      );
    const standing = await tx.waiver.findFirst({
      where: {
        deploymentId: data.deploymentId,
        itemKey: item.key,
        OR: [{ status: "PENDING" }, { status: "APPROVED", expiresAt: { gt: now } }],
      },
      select: { status: true },
    });
    if (standing)
      throw new AppError(
        "CONFLICT",
        standing.status === "PENDING"
          ? "This item already has a waiver awaiting approval."
          : "This item is already waived; revoke that waiver first to ask for another.",
      );
    const expiresOn =
      data.expiresOn ?? utcDay(Math.min(DEFAULT_WAIVER_DAYS, maxWaiverDays(deployment.reviewIntervalDays)), now);
    const problem = expiryProblem(expiresOn, deployment.reviewIntervalDays, now);
    if (problem) throw invalidField("expiresOn", problem);
    // The waiver runs to the end of its last day (UTC).
    const expiresAt = new Date(`${expiresOn}T23:59:59.999Z`);
    const requiredApprovals = approvalsNeeded(priority);
    const waiver = await tx.waiver.create({
      data: {
        deploymentId: data.deploymentId,
        itemKey: item.key,
        itemText: item.text,
        priority,
        reason: data.reason,
        control: data.control,
        expiresAt,
        requiredApprovals,
        requestedById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordContributions(tx, data.deploymentId, actor, [
      { userId: actor.id, kind: "WAIVER_REQUESTED", itemKey: item.key },
    ]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "waiver.request",
      entityType: "Waiver",
      entityId: waiver.id,
      after: {
        deploymentId: data.deploymentId,
        itemKey: item.key,
        priority,
        reason: data.reason,
        control: data.control,
        expiresAt: expiresAt.toISOString(),
        requiredApprovals,
      },
    });
    return { id: waiver.id, requiredApprovals, expiresAt: expiresAt.toISOString() };
  });
}
