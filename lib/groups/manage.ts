// Admins create, rename and delete reviewer groups and choose their members. Each use case
// checks "user:manage" itself, parses its input and is audited in the same transaction.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { roleLabels } from "@/lib/auth/roles";
import { dbOf, type DomainOptions } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError, invalidField } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createGroupSchema, groupIdSchema, groupMemberSchema, renameGroupSchema } from "@/lib/groups/schemas";
import { canJoinReviewerGroup } from "@/lib/groups/queries";

type Tx = Prisma.TransactionClient;

export type GroupRow = { id: string; slug: string; name: string };
export type GroupMembership = { group: GroupRow; user: { id: string; name: string }; changed: boolean };

const groupSelect = { id: true, slug: true, name: true } as const satisfies Prisma.ReviewerGroupSelect;

export async function createGroup(
  actor: Actor | null,
  input: z.input<typeof createGroupSchema>,
  options?: DomainOptions,
): Promise<GroupRow> {
  requirePermission(actor, "user:manage");
  const data = parseInput(createGroupSchema, input);
  try {
    return await dbOf(options).$transaction(async (tx) => {
      const group = await tx.reviewerGroup.create({ data, select: groupSelect });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "group.create",
        entityType: "ReviewerGroup",
        entityId: group.id,
        after: { slug: group.slug, name: group.name },
      });
      return group;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw invalidFieldConflict("slug", `A group with the slug ${data.slug} already exists.`);
    throw error;
  }
}

/** The slug stays: template versions name the group by it. */
export async function renameGroup(
  actor: Actor | null,
  input: z.input<typeof renameGroupSchema>,
  options?: DomainOptions,
): Promise<GroupRow> {
  requirePermission(actor, "user:manage");
  const { groupId, name } = parseInput(renameGroupSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const before = await lockGroup(tx, groupId);
    if (before.name === name) return before;
    const after = await tx.reviewerGroup.update({ where: { id: groupId }, data: { name }, select: groupSelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.rename",
      entityType: "ReviewerGroup",
      entityId: groupId,
      before: { name: before.name },
      after: { name },
    });
    return after;
  });
}

/** Refused while any template version names the group: versions never change, and what a
 * deployment on one needs must stay answerable. */
export async function deleteGroup(
  actor: Actor | null,
  input: z.input<typeof groupIdSchema>,
  options?: DomainOptions,
): Promise<GroupRow> {
  requirePermission(actor, "user:manage");
  const { groupId } = parseInput(groupIdSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    // Locked first: a publish naming the group holds it FOR SHARE (store-version.ts), so the
    // count below sees every version that names it.
    const group = await lockGroup(tx, groupId);
    const users = await versionsUsing(tx, groupId);
    if (users.length > 0) {
      const templates = users.map((t) => `${t.name} (${t.versions.map((n) => `v${n}`).join(", ")})`);
      throw new AppError(
        "CONFLICT",
        `The group ${group.slug} cannot be deleted: template versions need its approval (${templates.join("; ")}). Versions never change; rename the group instead, or publish versions without it and keep it for the old ones.`,
        { templates: users },
      );
    }
    const members = await tx.reviewerGroupMember.findMany({ where: { groupId }, select: { userId: true } });
    // Its memberships go with it (cascade).
    await tx.reviewerGroup.delete({ where: { id: groupId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.delete",
      entityType: "ReviewerGroup",
      entityId: groupId,
      before: { slug: group.slug, name: group.name, members: members.map((m) => m.userId) },
    });
    return group;
  });
}

export async function addGroupMember(
  actor: Actor | null,
  input: z.input<typeof groupMemberSchema>,
  options?: DomainOptions,
): Promise<GroupMembership> {
  requirePermission(actor, "user:manage");
  const { groupId, userId } = parseInput(groupMemberSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const group = await lockGroup(tx, groupId);
    // FOR SHARE: a role change or deactivation (which locks the user FOR UPDATE) waits for
    // this membership, or this one sees its outcome.
    const rows = await tx.$queryRaw<{ id: string; name: string; role: keyof typeof roleLabels; active: boolean }[]>`
      SELECT id, name, role::text AS role, active FROM "User" WHERE id = ${userId} FOR SHARE`;
    const user = rows[0];
    if (!user) throw invalidField("userId", "That user does not exist.");
    if (!canJoinReviewerGroup(user)) {
      throw invalidField(
        "userId",
        user.active
          ? `${user.name} has the role ${roleLabels[user.role]}; only reviewers and admins can be members of a reviewer group. Change their role first.`
          : `${user.name} is deactivated; only active reviewers and admins can be members of a reviewer group.`,
      );
    }
    const existing = await tx.reviewerGroupMember.findUnique({ where: { groupId_userId: { groupId, userId } } });
    const membership = { group, user: { id: user.id, name: user.name } };
    if (existing) return { ...membership, changed: false };
    await tx.reviewerGroupMember.create({ data: { groupId, userId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.member.add",
      entityType: "ReviewerGroup",
      entityId: groupId,
      after: { userId, slug: group.slug },
    });
    return { ...membership, changed: true };
  });
}

export async function removeGroupMember(
  actor: Actor | null,
  input: z.input<typeof groupMemberSchema>,
  options?: DomainOptions,
): Promise<GroupMembership> {
  requirePermission(actor, "user:manage");
  const { groupId, userId } = parseInput(groupMemberSchema, input);
  return dbOf(options).$transaction(async (tx) => {
    const group = await lockGroup(tx, groupId);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
    if (!user) throw invalidField("userId", "That user does not exist.");
    const removed = await tx.reviewerGroupMember.deleteMany({ where: { groupId, userId } });
    if (removed.count === 0) return { group, user, changed: false };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.member.remove",
      entityType: "ReviewerGroup",
      entityId: groupId,
      before: { userId, slug: group.slug },
    });
    return { group, user, changed: true };
  });
}

/** A 409 about one field (the slug taken), shown beside it. */
function invalidFieldConflict(field: string, message: string): AppError {
  return new AppError("CONFLICT", message, undefined, { [field]: message });
}

async function lockGroup(tx: Tx, groupId: string): Promise<GroupRow> {
  const locked = await tx.$queryRaw<GroupRow[]>`
    SELECT id, slug, name FROM "ReviewerGroup" WHERE id = ${groupId} FOR UPDATE`;
  if (!locked[0]) throw new AppError("NOT_FOUND", "That reviewer group does not exist.");
  return locked[0];
}

/** The templates with versions that name the group (for the whole checklist or a section). */
async function versionsUsing(tx: Tx, groupId: string): Promise<{ name: string; versions: number[] }[]> {
  const rows = await tx.$queryRaw<{ id: string; name: string; number: number }[]>`
    SELECT t.id, t.name, v.number
      FROM "TemplateVersion" v JOIN "Template" t ON t.id = v."templateId"
     WHERE v."approverGroupId" = ${groupId}
        OR v.id IN (SELECT s."templateVersionId" FROM "Section" s WHERE s."approverGroupId" = ${groupId})
     ORDER BY t.name, t.id, v.number`;
  const byTemplate = new Map<string, { name: string; versions: number[] }>();
  for (const row of rows) {
    const entry = byTemplate.get(row.id) ?? byTemplate.set(row.id, { name: row.name, versions: [] }).get(row.id)!;
    entry.versions.push(row.number);
  }
  return [...byTemplate.values()];
}
