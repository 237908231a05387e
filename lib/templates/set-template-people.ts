// Who owns a template (keeps it current) and who reviews it, chosen in the browser.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { AppError, invalidField } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canOwnTemplate, canReviewTemplate } from "@/lib/templates/template-people";
import { setTemplatePeopleSchema } from "@/lib/templates/schemas";

type Tx = Prisma.TransactionClient;

export type TemplatePeople = { ownerId: string | null; reviewerId: string | null };

export async function setTemplatePeople(
  actor: Actor | null,
  input: z.input<typeof setTemplatePeopleSchema>,
  options?: DomainOptions,
): Promise<TemplatePeople> {
  requirePermission(actor, "template:edit");
  const data = parseInput(setTemplatePeopleSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const before = await tx.template.findFirst({
      where: { id: data.templateId, archivedAt: null },
      select: { ownerId: true, reviewerId: true },
    });
    if (!before) throw new AppError("NOT_FOUND", "That template does not exist.");
    if (data.ownerId && !(await userMatches(tx, data.ownerId, canOwnTemplate)))
      throw invalidField("ownerId", "The owner must be an active user who can work on deployments (not a viewer).");
    if (data.reviewerId && !(await userMatches(tx, data.reviewerId, canReviewTemplate)))
      throw invalidField("reviewerId", "The reviewer must be an active reviewer or admin.");
    const after: TemplatePeople = {
      ownerId: data.ownerId === undefined ? before.ownerId : data.ownerId,
      reviewerId: data.reviewerId === undefined ? before.reviewerId : data.reviewerId,
    };
    await tx.template.update({ where: { id: data.templateId }, data: after });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "template.people",
      entityType: "Template",
      entityId: data.templateId,
      before,
      after,
    });
    return after;
  });
}

async function userMatches(
  tx: Tx,
  userId: string,
  rule: (user: { active: boolean; role: string }) => boolean,
): Promise<boolean> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, role: true } });
  return user !== null && rule(user);
}
