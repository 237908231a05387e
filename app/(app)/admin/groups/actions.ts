"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import {
  addGroupMember,
  createGroup,
  deleteGroup,
  removeGroupMember,
  renameGroup,
  type GroupMembership,
  type GroupRow,
} from "@/lib/groups/manage";
import type { createGroupSchema, groupIdSchema, groupMemberSchema, renameGroupSchema } from "@/lib/groups/schemas";

// Each domain function parses its input and checks "user:manage" itself: these actions are
// public endpoints.

const PAGE = "/admin/groups";

export async function createGroupAction(input: z.input<typeof createGroupSchema>): Promise<ActionResult<GroupRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const created = await createGroup(actor, input);
    revalidatePath(PAGE);
    return created;
  });
}

export async function renameGroupAction(input: z.input<typeof renameGroupSchema>): Promise<ActionResult<GroupRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const renamed = await renameGroup(actor, input);
    revalidatePath(PAGE);
    return renamed;
  });
}

export async function deleteGroupAction(input: z.input<typeof groupIdSchema>): Promise<ActionResult<GroupRow>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const deleted = await deleteGroup(actor, input);
    revalidatePath(PAGE);
    return deleted;
  });
}

export async function addGroupMemberAction(
  input: z.input<typeof groupMemberSchema>,
): Promise<ActionResult<GroupMembership>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const added = await addGroupMember(actor, input);
    revalidatePath(PAGE);
    return added;
  });
}

export async function removeGroupMemberAction(
  input: z.input<typeof groupMemberSchema>,
): Promise<ActionResult<GroupMembership>> {
  const actor = await getCurrentUser();
  return runAction(async () => {
    const removed = await removeGroupMember(actor, input);
    revalidatePath(PAGE);
    return removed;
  });
}
